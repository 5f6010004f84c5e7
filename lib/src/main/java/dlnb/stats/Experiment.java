package dlnb.stats;

import dlnb.Args;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The Monte Carlo setting of a bias-variance study: many independent training sets from one
 * {@link NoisyFunction}, and one fixed set of test inputs with the true f there. Each draw also gets
 * its own fresh noisy test targets, so the measured test MSE estimates E[(g(x) - y)^2] with the noise
 * on y independent of the training set, which is what the decomposition is about.
 */
public record Experiment(List<Sample> trainingSets, double[] testX, double[] testF, double[][] testY) {
    public Experiment {
        Args.notEmpty("trainingSets", trainingSets);
        Args.notEmpty("testX", testX);
        Args.notNull("testF", testF);
        Args.notNull("testY", testY);
        Args.sameLength("testX", testX.length, "testF", testF.length);
        Args.sameLength("trainingSets", trainingSets.size(), "testY", testY.length);
        for (int j = 0; j < testX.length; j++) {
            Args.check(Double.isFinite(testX[j]) && Double.isFinite(testF[j]), "test point " + j + " has x = " + testX[j]
                    + " and f(x) = " + testF[j] + "; both must be finite");
        }
        for (int i = 0; i < testY.length; i++) {
            Args.notNull("testY[" + i + "]", testY[i]);
            Args.sameLength("testX", testX.length, "testY[" + i + "]", testY[i].length);
            for (int j = 0; j < testY[i].length; j++) {
                Args.check(Double.isFinite(testY[i][j]), "testY[" + i + "][" + j + "] (draw " + i + ", test point " + j + ") is "
                        + testY[i][j] + "; test targets must be finite");
            }
        }
        trainingSets = List.copyOf(trainingSets);
    }

    /** {@code draws} training sets of {@code n} points each, evaluated on {@code testX}. */
    public static Experiment draw(NoisyFunction world, int draws, int n, double[] testX, Random random) {
        Args.notNull("world", world);
        Args.positive("draws", draws);
        Args.positive("n", n);
        Args.notEmpty("testX", testX);
        Args.notNull("random", random);
        List<Sample> sets = new ArrayList<>(draws);
        double[][] testY = new double[draws][];
        for (int i = 0; i < draws; i++) {
            sets.add(world.sample(n, random));
            testY[i] = world.sampleAt(testX, random).y();
        }
        return new Experiment(sets, testX.clone(), world.values(testX), testY);
    }

    public int draws() {
        return trainingSets.size();
    }
}
