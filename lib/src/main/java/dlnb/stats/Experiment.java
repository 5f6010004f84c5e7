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
        for (double[] row : testY) {
            Args.sameLength("testX", testX.length, "each row of testY", row.length);
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
