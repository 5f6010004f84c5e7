package dlnb.stats;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BiasVarianceTest {

    private static final Function<Sample, DoubleUnaryOperator> MEAN = MeanPredictor.FIT;

    @Test
    void constantPredictorOnATinyHandCase() {
        // draw 1 predicts 2, draw 2 predicts 1, f = 0 at both test points:
        // gbar = 1.5, bias^2 = 2.25, variance = (0.25 + 0.25)/2 = 0.25;
        // per-draw MSE against y: ((2-1)^2 + (2+1)^2)/2 = 5 and ((1-1)^2 + (1-1)^2)/2 = 0 -> 2.5;
        // noise = mean (y - f)^2 = 1; standard error = sqrt(((2.5)^2 + (2.5)^2)/1/2) = 2.5
        Experiment e = new Experiment(
                List.of(new Sample(new double[]{0, 1}, new double[]{1, 3}), new Sample(new double[]{0, 1}, new double[]{0, 2})),
                new double[]{0, 1}, new double[]{0, 0}, new double[][]{{1, -1}, {1, 1}});
        BiasVariance.Decomposition d = BiasVariance.estimate(e, MEAN);
        assertEquals(2.25, d.bias2(), 1e-15);
        assertEquals(0.25, d.variance(), 1e-15);
        assertEquals(2.5, d.mse(), 1e-15);
        assertEquals(1.0, d.noise(), 1e-15);
        assertEquals(2.5, d.mseStdError(), 1e-15);
        // the identity bias^2 + variance = mean (g - f)^2 = (4 + 4 + 1 + 1)/4 holds exactly
        assertEquals(2.5, d.bias2() + d.variance(), 1e-15);
        assertEquals(3.5, d.predictedMse(1.0), 1e-15);
        // corrected bias^2 = 2.25 - 0.25/(2-1) = 2
        assertEquals(2, d.draws());
        assertEquals(2.0, d.bias2Corrected(), 1e-15);
    }

    @Test
    void fixedPredictorHasNoVarianceAndItsMseIsBiasPlusNoise() {
        // f(x) = x on [0, 1], noise variance 0.25; always predicting 0 gives bias^2 = mean x^2 over the test grid
        NoisyFunction world = new NoisyFunction(x -> x, 0, 1, Noise.variance(0.25));
        double[] testX = world.grid(11);
        Experiment e = Experiment.draw(world, 2000, 5, testX, new Random(1));
        BiasVariance.Decomposition d = BiasVariance.estimate(e, s -> x -> 0);
        double bias2 = 0;
        for (double x : testX) {
            bias2 += x * x / testX.length;
        }
        assertEquals(bias2, d.bias2(), 1e-12);
        assertEquals(0, d.variance(), 0);
        assertEquals(d.predictedMse(0.25), d.mse(), 4 * d.mseStdError());
    }

    @Test
    void decompositionAddsUpToTheMeasuredMseForLeastSquares() {
        NoisyFunction world = new NoisyFunction(x -> x + Math.sin(1.5 * x), 0, 10, Noise.std(0.5));
        Experiment e = Experiment.draw(world, 1000, 40, world.grid(50), new Random(2));
        for (int degree : new int[]{1, 3, 10}) {
            BiasVariance.Decomposition d = BiasVariance.estimate(e, PolynomialFit.leastSquares(PolynomialBasis.legendre(degree, 0, 10)));
            assertEquals(d.predictedMse(0.25), d.mse(), 4 * d.mseStdError(), "degree " + degree);
        }
    }

    @Test
    void exactModelClassHasNearlyNoBias() {
        NoisyFunction world = new NoisyFunction(x -> 1 - 2 * x + x * x, -1, 2, Noise.std(1));
        Experiment e = Experiment.draw(world, 500, 30, world.grid(20), new Random(3));
        BiasVariance.Decomposition d = BiasVariance.estimate(e, PolynomialFit.leastSquares(PolynomialBasis.legendre(2, -1, 2)));
        // bias^2 estimate is of order variance/draws when the truth is in the model class; corrected, it is near 0
        assertTrue(d.bias2() < 5 * d.variance() / 500 + 1e-12, "bias2 " + d.bias2() + " variance " + d.variance());
        assertEquals(0, d.bias2Corrected(), 3 * d.variance() / 500);
    }

    @Test
    void badArgumentsAreRejected() {
        NoisyFunction world = new NoisyFunction(x -> x, 0, 1, Noise.std(1));
        Experiment e = Experiment.draw(world, 2, 3, world.grid(3), new Random(0));
        assertThrows(IllegalArgumentException.class, () -> BiasVariance.estimate(null, MEAN));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> BiasVariance.estimate(e, null));
        assertTrue(ex.getMessage().contains("fitter"), ex.getMessage());
        ex = assertThrows(IllegalArgumentException.class, () -> Experiment.draw(world, 0, 3, world.grid(3), new Random(0)));
        assertTrue(ex.getMessage().contains("draws") && ex.getMessage().contains("0"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Experiment(e.trainingSets(), e.testX(), new double[]{1}, e.testY()));
    }
}
