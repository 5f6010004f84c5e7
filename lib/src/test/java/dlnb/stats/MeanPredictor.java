package dlnb.stats;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/** A fitter for hand-checked tests: predicts the mean of the training targets everywhere. */
final class MeanPredictor {
    static final Function<Sample, DoubleUnaryOperator> FIT = s -> {
        double sum = 0;
        for (double v : s.y()) {
            sum += v;
        }
        double mean = sum / s.size();
        return x -> mean;
    };

    private MeanPredictor() {
    }
}
