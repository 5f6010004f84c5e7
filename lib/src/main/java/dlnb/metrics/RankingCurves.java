package dlnb.metrics;

import dlnb.Args;

import java.util.ArrayList;
import java.util.List;

/**
 * ROC, precision-recall and precision-recall-gain curves of a scoring classifier, and the areas under
 * them, from its {@link ConfusionSteps}.
 *
 * <p>Gains follow Flach &amp; Kull, "Precision-Recall-Gain Curves: PR Analysis Done Right" (NeurIPS 2015):
 * with pi the positive proportion, precG = (prec - pi) / ((1 - pi) prec) and recG = (rec - pi) / ((1 - pi) rec).
 * In counts, with c = pi / (1 - pi) = P / N, precG = 1 - c FP / TP and recG = 1 - c FN / TP. Both are affine
 * in 1 / TP along a segment where TP and FP grow linearly, so the segment between two thresholds (the
 * ROC-space straight line, ties included) is a straight line in PRG space too: trapezoids are exact.
 */
public final class RankingCurves {
    private RankingCurves() {
    }

    /** ROC curve: x = false positive rate FP/N, y = true positive rate TP/P, one point per step. */
    public static Curve roc(ConfusionSteps s) {
        Args.notNull("steps", s);
        double[] x = new double[s.size()];
        double[] y = new double[s.size()];
        for (int k = 0; k < s.size(); k++) {
            x[k] = s.fp(k) / (double) s.negatives();
            y[k] = s.tp(k) / (double) s.positives();
        }
        return new Curve("ROC", x, y);
    }

    /** Area under the ROC curve (trapezoids; a tie between classes counts one half, as in the Mann-Whitney U). */
    public static double auroc(ConfusionSteps s) {
        return roc(s).trapezoidArea();
    }

    /**
     * PR curve: x = recall TP/P, y = precision TP/(TP+FP), one point per step except the empty
     * prediction, whose precision is undefined.
     */
    public static Curve pr(ConfusionSteps s) {
        Args.notNull("steps", s);
        int m = s.size() - 1;
        double[] x = new double[m];
        double[] y = new double[m];
        for (int k = 1; k <= m; k++) {
            x[k - 1] = s.tp(k) / (double) s.positives();
            y[k - 1] = s.tp(k) / (double) (s.tp(k) + s.fp(k));
        }
        return new Curve("PR", x, y);
    }

    /**
     * Average precision: the sum over steps of (recall increase) x (precision at that step), a step
     * function that never interpolates between PR points.
     */
    public static double averagePrecision(ConfusionSteps s) {
        Curve pr = pr(s);
        double ap = 0;
        double previousRecall = 0;
        for (int i = 0; i < pr.size(); i++) {
            ap += (pr.x()[i] - previousRecall) * pr.y()[i];
            previousRecall = pr.x()[i];
        }
        return ap;
    }

    /**
     * Trapezoid area under the PR points, started at recall 0 with the first point's precision.
     * Straight lines are not achievable in PR space (Davis &amp; Goadrich 2006), so this tends to overstate.
     */
    public static double prTrapezoidArea(ConfusionSteps s) {
        Curve pr = pr(s);
        double area = pr.x()[0] * pr.y()[0];
        return area + pr.trapezoidArea();
    }

    /** precG = 1 - c FP / TP (TP may be fractional on an interpolated segment). */
    static double precisionGain(double tp, double fp, ConfusionSteps s) {
        return 1 - (s.positives() / (double) s.negatives()) * fp / tp;
    }

    /** recG = 1 - c FN / TP. */
    static double recallGain(double tp, ConfusionSteps s) {
        return 1 - (s.positives() / (double) s.negatives()) * (s.positives() - tp) / tp;
    }

    /**
     * PRG curve in the region recall gain &ge; 0 (recall &ge; pi): x = recall gain, y = precision gain,
     * unclipped (it may dip below 0, down to -N/P). It starts where the curve enters recG = 0, found on the
     * segment with TP crossing pi P, and ends at the all-positive point (1, 0). Points with recall below pi
     * (recall gain &lt; 0, down to -infinity at TP = 0) are left out, as in Flach &amp; Kull's plots and area.
     */
    public static Curve prg(ConfusionSteps s) {
        Args.notNull("steps", s);
        double entry = entryTp(s);
        List<double[]> points = new ArrayList<>();
        for (int k = 1; k < s.size(); k++) {
            int a = s.tp(k - 1);
            int b = s.tp(k);
            if (b < entry) {
                continue;
            }
            if (a < entry && b > entry) {
                double t = (entry - a) / (b - a);
                double fp = s.fp(k - 1) + t * (s.fp(k) - s.fp(k - 1));
                points.add(new double[]{0, precisionGain(entry, fp, s)});
            }
            points.add(new double[]{recallGain(b, s), precisionGain(b, s.fp(k), s)});
        }
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(0, points.get(i)[0]); // entry point computed as exactly 0; guard rounding
            y[i] = points.get(i)[1];
        }
        return new Curve("PRG", x, y);
    }

    /**
     * Area under the PRG curve as Flach &amp; Kull define it (their reference implementation, the {@code prg}
     * package, {@code calc_auprg}): trapezoids over the curve's straight segments that start at recall gain
     * &ge; 0, from the entry point at recall gain 0 to the all-positive point (1, 0). Precision gains below 0
     * are not clipped: a segment under the axis counts as negative area. So AUPRG is 1 for a perfect ranking,
     * 0 for a curve that stays on the all-positive baseline, and negative for rankings worse than it: a fully
     * inverted ranking runs straight from (0, -N/P) to (1, 0), area -N / (2P) (-1/2 when P = N).
     */
    public static double auprg(ConfusionSteps s) {
        return prg(s).trapezoidArea();
    }

    /** TP where recall equals pi, i.e. recall gain 0: pi P = P^2 / (P + N). */
    private static double entryTp(ConfusionSteps s) {
        return s.positiveRate() * s.positives();
    }

    /** The all-positive classifier on ROC axes: (FPR, TPR) = (1, 1). */
    public static double[] allPositiveRoc() {
        return new double[]{1, 1};
    }

    /** The all-positive classifier on PR axes: (recall, precision) = (1, pi). */
    public static double[] allPositivePr(double positiveRate) {
        Args.check(positiveRate > 0 && positiveRate < 1, "positiveRate must be in (0, 1), got " + positiveRate);
        return new double[]{1, positiveRate};
    }

    /** The all-positive classifier on PRG axes: (recall gain, precision gain) = (1, 0) whatever pi is. */
    public static double[] allPositivePrg() {
        return new double[]{1, 0};
    }
}
