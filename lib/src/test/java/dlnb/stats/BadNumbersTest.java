package dlnb.stats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault class 6 in the statistics: a NaN or infinite number is refused where it enters, with its
 * position, instead of turning every coefficient or estimate into NaN.
 */
class BadNumbersTest {
    private static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected \"" + f + "\" in: " + e.getMessage());
        }
    }

    private static final double[][] A = {{1, 0}, {1, 1}, {1, 2}};
    private static final double[] B = {0, 1, 1};

    @Test
    void nanInTheDesignMatrix() {
        double[][] a = {{1, 0}, {1, Double.NaN}, {1, 2}};
        assertRejected(() -> LeastSquares.solve(a, B), "a[1][1] (row 1, column 1) is NaN", "least squares needs finite inputs");
    }

    @Test
    void infinityInTheDesignMatrixOfARidgeFit() {
        double[][] a = {{1, 0}, {1, 1}, {Double.POSITIVE_INFINITY, 2}};
        assertRejected(() -> LeastSquares.ridge(a, B, 0.1, 1), "a[2][0] (row 2, column 0) is Infinity");
    }

    @Test
    void nanTarget() {
        assertRejected(() -> LeastSquares.solve(A, new double[]{0, Double.NaN, 1}), "b[1] (row 1) is NaN", "finite targets");
    }

    @Test
    void infiniteTargetOfARidgeFit() {
        assertRejected(() -> LeastSquares.ridge(A, new double[]{0, 1, Double.NEGATIVE_INFINITY}, 1, 1), "b[2] (row 2) is -Infinity");
    }

    @Test
    void nanRidgePenalty() {
        assertRejected(() -> LeastSquares.ridge(A, B, Double.NaN, 1), "lambda must be a finite number");
    }

    @Test
    void finiteInputsThatOverflow() {
        // finite, but the squares of 1e200 overflow inside the reflections
        double[][] a = {{1e200, 1}, {1e-200, 1}, {1, 1}};
        assertRejected(() -> LeastSquares.solve(a, new double[]{1e300, 1, 1}), "least squares overflowed", "rescale them");
    }

    @Test
    void sampleWithANan() {
        assertRejected(() -> new Sample(new double[]{0, 1, 2}, new double[]{1, Double.NaN, 3}),
                "point 1 of the sample is (x, y) = (1.0, NaN)");
    }

    @Test
    void trueFunctionThatIsNanSomewhere() {
        NoisyFunction world = new NoisyFunction(x -> Math.log(x - 1), 0, 2, Noise.std(0.1));
        assertRejected(() -> world.sample(50, new Random(1)), "is NaN; the true function must be finite on [0.0, 2.0]");
    }

    @Test
    void experimentWithAnInfiniteTestTarget() {
        List<Sample> sets = List.of(new Sample(new double[]{0, 1}, new double[]{0, 1}));
        assertRejected(() -> new Experiment(sets, new double[]{0.5}, new double[]{0.5}, new double[][]{{Double.POSITIVE_INFINITY}}),
                "testY[0][0] (draw 0, test point 0) is Infinity");
    }

    @Test
    void predictorThatDiverges() {
        NoisyFunction world = new NoisyFunction(x -> x, 0, 1, Noise.std(0.1));
        Experiment exp = Experiment.draw(world, 3, 10, world.grid(5), new Random(2));
        assertRejected(() -> BiasVariance.estimate(exp, train -> x -> x > 0.7 ? Double.NaN : x),
                "the predictor fitted on draw 0 predicts NaN at test point 3 (x = 0.75)", "did the fit diverge?");
    }
}
