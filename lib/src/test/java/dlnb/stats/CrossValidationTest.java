package dlnb.stats;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossValidationTest {

    private static final Function<Sample, DoubleUnaryOperator> MEAN = MeanPredictor.FIT;

    @Test
    void twoFoldMseOfTheMeanPredictorByHand() {
        // fold 0 holds points 0 and 2, trained on y = 2, 10 -> predicts 6: (6-1)^2, (6-3)^2 -> 17
        // fold 1 holds points 1 and 3, trained on y = 1, 3 -> predicts 2: (2-2)^2, (2-10)^2 -> 32
        Sample s = new Sample(new double[]{0, 1, 2, 3}, new double[]{1, 2, 3, 10});
        assertEquals(24.5, CrossValidation.mse(s, new int[]{0, 1, 0, 1}, MEAN), 1e-14);
    }

    @Test
    void foldsAreBalancedAndReproducible() {
        int[] folds = CrossValidation.folds(10, 3, new Random(5));
        int[] counts = new int[3];
        for (int f : folds) {
            counts[f]++;
        }
        assertArrayEquals(new int[]{4, 3, 3}, counts);
        assertArrayEquals(folds, CrossValidation.folds(10, 3, new Random(5)));
    }

    @Test
    void ridgeCvPrefersSomeShrinkageOverNoneForAnOverfittingDegree() {
        NoisyFunction world = new NoisyFunction(x -> x + Math.sin(1.5 * x), 0, 10, Noise.std(1));
        Sample s = world.sample(20, new Random(11));
        int[] folds = CrossValidation.folds(20, 5, new Random(12));
        PolynomialBasis basis = PolynomialBasis.legendre(10, 0, 10);
        double none = CrossValidation.mse(s, folds, PolynomialFit.leastSquares(basis));
        double some = CrossValidation.mse(s, folds, PolynomialFit.ridge(basis, 0.1));
        assertTrue(some < none, "ridge " + some + " vs least squares " + none);
    }

    @Test
    void badArgumentsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.folds(10, 1, new Random()));
        assertTrue(e.getMessage().contains("k") && e.getMessage().contains("1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.folds(3, 5, new Random()));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
        Sample s = new Sample(new double[]{0, 1}, new double[]{0, 1});
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.mse(s, new int[]{0, 0}, MEAN));
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.mse(s, new int[]{0, 1, 0}, MEAN));
    }
}
