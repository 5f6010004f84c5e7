package dlnb.stats;

import dlnb.Args;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/** k-fold cross-validation of a fitter on one training sample: a model choice that looks only at training data. */
public final class CrossValidation {
    private CrossValidation() {
    }

    /**
     * Fold index (0..k-1) of each point: a random permutation dealt round-robin, so fold sizes differ by
     * at most one. The same random state gives the same folds, so candidates compared on one
     * assignment see the same splits.
     */
    public static int[] folds(int n, int k, Random random) {
        Args.atLeast("k", k, 2);
        Args.check(n >= k, "k-fold cross-validation needs at least k = " + k + " points, got " + n);
        Args.notNull("random", random);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int[] fold = new int[n];
        for (int r = 0; r < n; r++) {
            fold[order[r]] = r % k;
        }
        return fold;
    }

    /** Mean over folds of the validation MSE of the fitter trained on the other folds. */
    public static double mse(Sample sample, int[] folds, Function<Sample, DoubleUnaryOperator> fitter) {
        Args.notNull("sample", sample);
        Args.notNull("folds", folds);
        Args.notNull("fitter", fitter);
        Args.sameLength("sample", sample.size(), "folds", folds.length);
        int k = 0;
        for (int f : folds) {
            Args.check(f >= 0, "fold indices must be zero or more, got " + f);
            k = Math.max(k, f + 1);
        }
        Args.atLeast("number of folds", k, 2);
        double total = 0;
        for (int fold = 0; fold < k; fold++) {
            int held = 0;
            for (int f : folds) {
                held += f == fold ? 1 : 0;
            }
            Args.check(held > 0 && held < folds.length, "fold " + fold + " must hold some but not all points, holds " + held);
            int[] trainIdx = new int[folds.length - held];
            int[] testIdx = new int[held];
            int a = 0;
            int b = 0;
            for (int i = 0; i < folds.length; i++) {
                if (folds[i] == fold) {
                    testIdx[b++] = i;
                } else {
                    trainIdx[a++] = i;
                }
            }
            DoubleUnaryOperator model = fitter.apply(sample.subset(trainIdx));
            total += sample.subset(testIdx).mse(model);
        }
        return total / k;
    }
}
