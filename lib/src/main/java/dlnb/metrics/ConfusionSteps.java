package dlnb.metrics;

import dlnb.Args;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Confusion counts of a scoring classifier at every distinct threshold, "predict positive when
 * score &ge; threshold", from the strictest (nothing predicted positive) to the laxest (everything).
 *
 * <p>Tied scores form one step: a threshold cannot separate examples with the same score, so the
 * curves built from these counts move diagonally across a tie instead of picking an arbitrary order.
 * Step {@code k} has {@link #tp(int)} true and {@link #fp(int)} false positives; step 0 is the empty
 * prediction (0, 0) and the last step is the all-positive classifier (P, N).
 */
public final class ConfusionSteps {
    private final double[] thresholds;
    private final int[] tp;
    private final int[] fp;
    private final int positives;
    private final int negatives;

    private ConfusionSteps(double[] thresholds, int[] tp, int[] fp, int positives, int negatives) {
        this.thresholds = thresholds;
        this.tp = tp;
        this.fp = fp;
        this.positives = positives;
        this.negatives = negatives;
    }

    /**
     * @param scores   higher means "more likely positive"; finite
     * @param positive the true class of each example (true = positive); both classes must occur
     */
    public static ConfusionSteps of(double[] scores, boolean[] positive) {
        Args.notEmpty("scores", scores);
        Args.notNull("positive", positive);
        Args.sameLength("scores", scores.length, "positive", positive.length);
        int n = scores.length;
        Integer[] order = new Integer[n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            Args.check(Double.isFinite(scores[i]), "scores[" + i + "] must be finite, got " + scores[i]);
            order[i] = i;
            pos += positive[i] ? 1 : 0;
        }
        Args.check(pos > 0 && pos < n, "positive must contain both classes, got " + pos + " positives among " + n
                + " examples");
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());

        int distinct = 1;
        for (int r = 1; r < n; r++) {
            distinct += scores[order[r]] != scores[order[r - 1]] ? 1 : 0;
        }
        double[] th = new double[distinct + 1];
        int[] tps = new int[distinct + 1];
        int[] fps = new int[distinct + 1];
        th[0] = Double.POSITIVE_INFINITY;
        int step = 0;
        int t = 0;
        int f = 0;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            if (positive[i]) {
                t++;
            } else {
                f++;
            }
            boolean lastOfTie = r == n - 1 || scores[order[r + 1]] != scores[i];
            if (lastOfTie) {
                step++;
                th[step] = scores[i];
                tps[step] = t;
                fps[step] = f;
            }
        }
        return new ConfusionSteps(th, tps, fps, pos, n - pos);
    }

    /** Same as {@link #of(double[], boolean[])} with labels 1 = positive, 0 = negative. */
    public static ConfusionSteps of(double[] scores, int[] labels) {
        Args.notNull("labels", labels);
        boolean[] positive = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Args.check(labels[i] == 0 || labels[i] == 1, "labels[" + i + "] must be 0 or 1, got " + labels[i]);
            positive[i] = labels[i] == 1;
        }
        return of(scores, positive);
    }

    /** Number of steps, including the empty and the all-positive prediction. */
    public int size() {
        return tp.length;
    }

    /** The threshold of step k (+infinity for step 0). */
    public double threshold(int k) {
        return thresholds[k];
    }

    public int tp(int k) {
        return tp[k];
    }

    public int fp(int k) {
        return fp[k];
    }

    public int fn(int k) {
        return positives - tp[k];
    }

    public int tn(int k) {
        return negatives - fp[k];
    }

    public int positives() {
        return positives;
    }

    public int negatives() {
        return negatives;
    }

    /** The positive proportion pi = P / (P + N): precision of the all-positive classifier. */
    public double positiveRate() {
        return positives / (double) (positives + negatives);
    }
}
