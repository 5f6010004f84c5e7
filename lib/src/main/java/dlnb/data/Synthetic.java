package dlnb.data;

import dlnb.Args;
import dlnb.Seeds;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/** Small generated data sets for first experiments. */
public final class Synthetic {
    private Synthetic() {
    }

    /** Points with 2 features and a class label. */
    public record Points(double[][] x, int[] y, int classes) {
        /** Features as a float matrix and labels one-hot, ready for a DL4J network. */
        public DataSet toDataSet() {
            float[][] features = new float[x.length][];
            float[][] labels = new float[x.length][classes];
            for (int i = 0; i < x.length; i++) {
                features[i] = new float[]{(float) x[i][0], (float) x[i][1]};
                labels[i][y[i]] = 1f;
            }
            return new DataSet(Nd4j.create(features), Nd4j.create(labels));
        }

        /** Mini-batches of the points, in a new order every epoch (from the notebook seed and {@code purpose}). */
        public Batches batches(int batchSize, String purpose) {
            return Batches.of(toDataSet(), batchSize).shuffled(purpose);
        }

        /** All points in one batch, in order (for evaluation). */
        public Batches all() {
            return Batches.of(toDataSet(), x.length);
        }
    }

    /**
     * Two interleaving half circles ("moons"), class 0 on top, class 1 below, with Gaussian noise of
     * standard deviation {@code noise}; reproducible from the notebook seed and {@code purpose}.
     */
    public static Points moons(int n, double noise, String purpose) {
        Args.atLeast("n", n, 2);
        Args.nonNegative("noise", noise);
        Random rnd = Seeds.random(purpose);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            double t = Math.PI * rnd.nextDouble();
            double px = c == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double py = c == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            x[i] = new double[]{px + noise * rnd.nextGaussian(), py + noise * rnd.nextGaussian()};
            y[i] = c;
        }
        return new Points(x, y, 2);
    }

    /**
     * Gaussian clusters in the plane, one per centre: point i belongs to class i mod k and is drawn from
     * N(centre, sd^2 I); reproducible from the notebook seed and {@code purpose}. Two well-separated centres give
     * a linearly separable problem.
     */
    public static Points blobs(int n, double[][] centres, double sd, String purpose) {
        Args.atLeast("n", n, 1);
        Args.notNull("centres", centres);
        Args.check(centres.length >= 1, "blobs: give at least one centre");
        for (int k = 0; k < centres.length; k++) {
            Args.check(centres[k] != null && centres[k].length == 2, "blobs: centre " + k + " must have two coordinates");
            Args.finite("centre " + k + " x", centres[k][0]);
            Args.finite("centre " + k + " y", centres[k][1]);
        }
        Args.nonNegative("sd", sd);
        Random rnd = Seeds.random(purpose);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % centres.length;
            x[i] = new double[]{centres[c][0] + sd * rnd.nextGaussian(), centres[c][1] + sd * rnd.nextGaussian()};
            y[i] = c;
        }
        return new Points(x, y, centres.length);
    }
}
