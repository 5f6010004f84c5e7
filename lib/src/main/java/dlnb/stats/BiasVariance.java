package dlnb.stats;

import dlnb.Args;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * Monte Carlo estimate of the bias-variance decomposition of a learning procedure ("fitter": training
 * sample -> predictor) over the draws of an {@link Experiment}.
 *
 * <p>With g_i the predictor fitted on draw i, m draws and test inputs x_j:
 * mean prediction gbar(x_j) = (1/m) sum_i g_i(x_j); bias^2 = mean_j (gbar(x_j) - f(x_j))^2;
 * variance = mean_j (1/m) sum_i (g_i(x_j) - gbar(x_j))^2; the test MSE is mean_{i,j} (g_i(x_j) - y_ij)^2
 * against fresh noisy targets. Dividing the variance by m (not m-1) makes bias^2 + variance equal
 * mean_{i,j} (g_i(x_j) - f(x_j))^2 exactly, an unbiased estimate of E[(g - f)^2].
 */
public final class BiasVariance {
    private BiasVariance() {
    }

    /**
     * The estimates. {@code noise} is the measured mean of (y - f)^2 on the test targets; {@code mseStdError}
     * is the standard error of {@code mse} from the spread of the per-draw MSEs (draws are independent).
     */
    public record Decomposition(double bias2, double variance, double noise, double mse, double mseStdError, int draws) {
        /**
         * bias^2 with the Monte Carlo noise of the average prediction taken out: gbar from m draws scatters
         * around the true mean with variance Var/m, so E[bias2] = Bias^2 + Var/m and E[variance] = Var (m-1)/m;
         * bias2 - variance/(m-1) is unbiased for Bias^2 (it can come out slightly negative). NaN for one draw.
         */
        public double bias2Corrected() {
            return draws > 1 ? bias2 - variance / (draws - 1) : Double.NaN;
        }

        /** bias^2 + variance + a given noise variance sigma^2: what the theory says E[MSE] is. */
        public double predictedMse(double sigma2) {
            return bias2 + variance + sigma2;
        }
    }

    public static Decomposition estimate(Experiment experiment, Function<Sample, DoubleUnaryOperator> fitter) {
        Args.notNull("experiment", experiment);
        Args.notNull("fitter", fitter);
        int m = experiment.draws();
        double[] x = experiment.testX();
        double[] f = experiment.testF();
        int t = x.length;
        double[][] g = new double[m][t];
        double[] perDrawMse = new double[m];
        double noise = 0;
        for (int i = 0; i < m; i++) {
            DoubleUnaryOperator model = Args.notNull("fitted predictor", fitter.apply(experiment.trainingSets().get(i)));
            double[] y = experiment.testY()[i];
            double sum = 0;
            for (int j = 0; j < t; j++) {
                g[i][j] = model.applyAsDouble(x[j]);
                if (!Double.isFinite(g[i][j])) {
                    throw new IllegalArgumentException("the predictor fitted on draw " + i + " predicts " + g[i][j] + " at test point "
                            + j + " (x = " + x[j] + "); the decomposition needs finite predictions (did the fit diverge?)");
                }
                double e = g[i][j] - y[j];
                sum += e * e;
                noise += (y[j] - f[j]) * (y[j] - f[j]);
            }
            perDrawMse[i] = sum / t;
        }
        double bias2 = 0;
        double variance = 0;
        for (int j = 0; j < t; j++) {
            double mean = 0;
            for (int i = 0; i < m; i++) {
                mean += g[i][j];
            }
            mean /= m;
            bias2 += (mean - f[j]) * (mean - f[j]);
            double v = 0;
            for (int i = 0; i < m; i++) {
                v += (g[i][j] - mean) * (g[i][j] - mean);
            }
            variance += v / m;
        }
        double mse = 0;
        for (double e : perDrawMse) {
            mse += e;
        }
        mse /= m;
        double spread = 0;
        for (double e : perDrawMse) {
            spread += (e - mse) * (e - mse);
        }
        double stdError = m > 1 ? Math.sqrt(spread / (m - 1) / m) : Double.NaN;
        return new Decomposition(bias2 / t, variance / t, noise / ((double) m * t), mse, stdError, m);
    }
}
