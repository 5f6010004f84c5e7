package dlnb.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankingCurvesTest {
    private static final double EPS = 1e-12;

    /** Scores in decreasing order, labels as written: "+-+-" means positive, negative, positive, negative. */
    private static ConfusionSteps ranked(String labels) {
        double[] scores = new double[labels.length()];
        boolean[] positive = new boolean[labels.length()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scores.length - i;
            positive[i] = labels.charAt(i) == '+';
        }
        return ConfusionSteps.of(scores, positive);
    }

    @Test
    void stepsGroupTiedScoresIntoOneStep() {
        // scores .9(+), .5(+), .5(-), .1(-): the tie at .5 is one step from (TP, FP) = (1, 0) to (2, 1)
        ConfusionSteps s = ConfusionSteps.of(new double[]{0.5, 0.1, 0.9, 0.5}, new int[]{1, 0, 1, 0});
        assertEquals(4, s.size());
        assertArrayEquals(new int[]{0, 1, 2, 2}, new int[]{s.tp(0), s.tp(1), s.tp(2), s.tp(3)});
        assertArrayEquals(new int[]{0, 0, 1, 2}, new int[]{s.fp(0), s.fp(1), s.fp(2), s.fp(3)});
        assertEquals(Double.POSITIVE_INFINITY, s.threshold(0));
        assertEquals(0.5, s.threshold(2));
        assertEquals(0, s.fn(2));
        assertEquals(1, s.tn(2));
        assertEquals(0.5, s.positiveRate());
    }

    @Test
    void alternatingRankingByHand() {
        // +,-,+,-  P = N = 2, pi = 1/2, c = P/N = 1
        ConfusionSteps s = ranked("+-+-");
        // ROC points (0,0) (0,.5) (.5,.5) (.5,1) (1,1): area .5*.5 + .5*1
        assertEquals(0.75, RankingCurves.auroc(s), EPS);
        // PR points (.5,1) (.5,.5) (1,2/3) (1,.5): AP = .5*1 + .5*2/3
        assertEquals(5.0 / 6, RankingCurves.averagePrecision(s), EPS);
        // trapezoids: .5*1 (from recall 0) + 0 + .5*(.5+2/3)/2 + 0
        assertEquals(19.0 / 24, RankingCurves.prTrapezoidArea(s), EPS);
        // PRG: (TP,FP) (1,0)->(0,1), (1,1)->(0,0), (2,1)->(1,.5), (2,2)->(1,0); area = triangle 1*.5/2
        Curve prg = RankingCurves.prg(s);
        assertArrayEquals(new double[]{0, 0, 1, 1}, prg.x(), EPS);
        assertArrayEquals(new double[]{1, 0, 0.5, 0}, prg.y(), EPS);
        assertEquals(0.25, RankingCurves.auprg(s), EPS);
    }

    @Test
    void prgEntersAtRecallEqualToPiOnAnInterpolatedSegment() {
        // -,+,-,-  P = 1, N = 3, pi = 1/4, c = 1/3. Recall gain 0 at TP = pi P = 1/4, on the segment
        // (TP,FP) (0,1)->(1,1): precG = 1 - (1/3)(1)/(1/4) = -1/3. At (1,1): (recG, precG) = (1, 2/3).
        // One trapezoid from (0, -1/3) to (1, 2/3): area (-1/3 + 2/3) / 2 = 1/6 (the part below 0 counts negative).
        ConfusionSteps s = ranked("-+--");
        Curve prg = RankingCurves.prg(s);
        assertArrayEquals(new double[]{0, 1, 1, 1}, prg.x(), EPS);
        assertArrayEquals(new double[]{-1.0 / 3, 2.0 / 3, 1.0 / 3, 0}, prg.y(), EPS);
        assertEquals(1.0 / 6, RankingCurves.auprg(s), EPS);
        // the midpoint TP = 1/2 of that segment is (2/3, 1/3), on the same line: PRG segments are straight
        assertEquals(2.0 / 3, RankingCurves.recallGain(0.5, s), EPS);
        assertEquals(1.0 / 3, RankingCurves.precisionGain(0.5, 1, s), EPS);
        assertEquals(2.0 / 3, RankingCurves.auroc(s), EPS);
        assertEquals(0.5, RankingCurves.averagePrecision(s), EPS);
    }

    @Test
    void authorsWorkedExample() {
        // Flach & Kull's example ranking (their prg package's plot_prg example and notebook): 25 examples,
        // scores 25 down to 1, P = 16, N = 9, c = 16/9, entry at TP = 256/25 between (TP,FP) = (10,2) and (11,2).
        ConfusionSteps s = ranked(labels(1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 1));
        // The curve, point by point in exact fractions (precG = 1 - c FP/TP, recG = 1 - c FN/TP):
        double[][] expected = {
            {0, 47.0 / 72}, {19.0 / 99, 67.0 / 99}, {11.0 / 27, 19.0 / 27}, {11.0 / 27, 5.0 / 9},
            {23.0 / 39, 23.0 / 39}, {23.0 / 39, 53.0 / 117}, {23.0 / 39, 37.0 / 117}, {47.0 / 63, 23.0 / 63},
            {47.0 / 63, 5.0 / 21}, {47.0 / 63, 1.0 / 9}, {47.0 / 63, -1.0 / 63}, {119.0 / 135, 7.0 / 135},
            {119.0 / 135, -1.0 / 15}, {1, 0}};
        Curve prg = RankingCurves.prg(s);
        assertEquals(expected.length, prg.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], prg.x()[i], EPS, "recall gain of point " + i);
            assertEquals(expected[i][1], prg.y()[i], EPS, "precision gain of point " + i);
        }
        // Sum of those trapezoids in exact arithmetic; the two dips below 0 (-1/63, -1/15) count negative.
        assertEquals(1044283367.0 / 2414739600.0, RankingCurves.auprg(s), EPS);
    }

    @Test
    void packageDocumentationExampleWithTies() {
        // The prg package documents calc_auprg(create_prg_curve(c(1,1,0,0,1,0), c(.8,.8,.6,.4,.4,.2))) = 0.7083333:
        // points (0,1) (1/2,1) (1/2,1/2) (1,1/3) (1,0), area 1/2 + (1/2)(1/2 + 1/3)/2 = 17/24.
        ConfusionSteps s = ConfusionSteps.of(new double[]{0.8, 0.8, 0.6, 0.4, 0.4, 0.2}, new int[]{1, 1, 0, 0, 1, 0});
        assertEquals(17.0 / 24, RankingCurves.auprg(s), EPS);
        assertEquals(0.7083333, RankingCurves.auprg(s), 1e-7);
    }

    @Test
    void invertedRankingHasNegativeArea() {
        // All negatives first: precG = 1 - P/TP and recG = 1 - c (P - TP)/TP, one straight line from
        // (0, -N/P) at TP = P^2/(P+N) to (1, 0) at TP = P: area -N / (2P).
        assertEquals(-0.5, RankingCurves.auprg(ranked("--++")), EPS);
        assertEquals(-0.5, RankingCurves.auprg(ranked("---+++")), EPS);
        assertEquals(-1.5, RankingCurves.auprg(ranked("------++")), EPS);
        assertEquals(-9.0 / 32, RankingCurves.auprg(ranked("---------++++++++++++++++")), EPS);
        // the authors' worked example scored in reverse, in exact arithmetic
        assertEquals(-3463.0 / 18252, RankingCurves.auprg(ranked(
                labels(1, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1))), EPS);
    }

    private static String labels(int... labels) {
        StringBuilder b = new StringBuilder();
        for (int l : labels) {
            b.append(l == 1 ? '+' : '-');
        }
        return b.toString();
    }

    @Test
    void tiedScoresMoveDiagonally() {
        // .9(+), .5(+), .5(-), .1(-): ROC (0,0) (0,.5) (.5,1) (1,1): .5*(.5+1)/2 + .5
        ConfusionSteps s = ConfusionSteps.of(new double[]{0.9, 0.5, 0.5, 0.1}, new int[]{1, 1, 0, 0});
        assertEquals(0.875, RankingCurves.auroc(s), EPS);
        // PR (.5,1) (1,2/3) (1,.5): AP = .5 + .5*2/3
        assertEquals(5.0 / 6, RankingCurves.averagePrecision(s), EPS);
        // PRG (0,1) -> (1,.5) straight, then down to (1,0): trapezoid (1+.5)/2
        assertEquals(0.75, RankingCurves.auprg(s), EPS);
    }

    @Test
    void perfectRankingHasAllAreasOne() {
        ConfusionSteps s = ranked("+++----");
        assertEquals(1, RankingCurves.auroc(s), EPS);
        assertEquals(1, RankingCurves.averagePrecision(s), EPS);
        assertEquals(1, RankingCurves.prTrapezoidArea(s), EPS);
        assertEquals(1, RankingCurves.auprg(s), EPS);
    }

    @Test
    void constantScoreIsTheAllPositiveClassifierEverywhere() {
        // one tie: the only non-empty step is (P, N): ROC diagonal, AP = pi, PRG from (0,0) to (1,0)
        ConfusionSteps s = ConfusionSteps.of(new double[]{3, 3, 3, 3, 3}, new int[]{1, 0, 0, 1, 0});
        assertEquals(2, s.size());
        assertEquals(0.5, RankingCurves.auroc(s), EPS);
        assertEquals(0.4, RankingCurves.averagePrecision(s), EPS);
        Curve prg = RankingCurves.prg(s);
        assertArrayEquals(new double[]{0, 1}, prg.x(), EPS);
        assertArrayEquals(new double[]{0, 0}, prg.y(), EPS);
        assertEquals(0, RankingCurves.auprg(s), EPS);
    }

    @Test
    void allPositivePointsFollowFromPi() {
        assertArrayEquals(new double[]{1, 1}, RankingCurves.allPositiveRoc());
        assertArrayEquals(new double[]{1, 0.3}, RankingCurves.allPositivePr(0.3));
        assertArrayEquals(new double[]{1, 0}, RankingCurves.allPositivePrg());
        // and the last point of every curve is that classifier
        ConfusionSteps s = ranked("-+-+--+---");
        Curve roc = RankingCurves.roc(s);
        Curve pr = RankingCurves.pr(s);
        Curve prg = RankingCurves.prg(s);
        assertEquals(1, roc.x()[roc.size() - 1]);
        assertEquals(1, roc.y()[roc.size() - 1]);
        assertEquals(s.positiveRate(), pr.y()[pr.size() - 1], EPS);
        assertEquals(1, prg.x()[prg.size() - 1], EPS);
        assertEquals(0, prg.y()[prg.size() - 1], EPS);
        // recall gain 1 and precision gain 0 from the definitions, for (rec, prec) = (1, pi)
        double pi = s.positiveRate();
        assertEquals(1, (1 - pi) / ((1 - pi) * 1), EPS);
        assertEquals(0, (pi - pi) / ((1 - pi) * pi), EPS);
    }

    @Test
    void pointsWithRecallBelowPiAreExcluded() {
        // +,-,-,-,-,+,+,+  P = N = 4, pi = 1/2. The first point (recall 1/4 < pi, precision 1) would have
        // precision gain 1 but recall gain 1 - 3/1 = -2: it is outside. From TP = 2 on: (TP,FP) (2,4) ->
        // (0,-1), (3,4) -> (2/3,-1/3), (4,4) -> (1,0): below 0 all along, so AUPRG < 0 although AP is not:
        // (2/3)(-1 - 1/3)/2 + (1/3)(-1/3)/2 = -4/9 - 1/18 = -1/2.
        ConfusionSteps s = ranked("+----+++");
        Curve prg = RankingCurves.prg(s);
        for (double x : prg.x()) {
            assertTrue(x >= 0, "recall gain " + x);
        }
        assertEquals(0, prg.x()[0], EPS);
        assertEquals(-1, prg.y()[0], EPS);
        assertEquals(-0.5, RankingCurves.auprg(s), EPS);
        // AP = (1 + 2/6 + 3/7 + 4/8) / 4
        assertEquals((1 + 2.0 / 6 + 3.0 / 7 + 0.5) / 4, RankingCurves.averagePrecision(s), EPS);
        assertEquals(0.25, RankingCurves.auroc(s), EPS);
    }

    @Test
    void definitionsInRatesAgreeWithCountForms() {
        // precG = (prec - pi)/((1 - pi) prec), recG = (rec - pi)/((1 - pi) rec) at (TP, FP) = (3, 2), P = 4, N = 6
        ConfusionSteps s = ConfusionSteps.of(new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
                new int[]{1, 0, 0, 0, 0, 0, 1, 0, 1, 1});
        double pi = 0.4;
        double prec = 3.0 / 5;
        double rec = 3.0 / 4;
        assertEquals((prec - pi) / ((1 - pi) * prec), RankingCurves.precisionGain(3, 2, s), EPS);
        assertEquals((rec - pi) / ((1 - pi) * rec), RankingCurves.recallGain(3, s), EPS);
    }

    @Test
    void auprgIsAtMostOneAndMatchesDenseIntegrationOnRandomRankings() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + rnd.nextInt(40);
            double[] scores = new double[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = rnd.nextInt(8); // many ties
                positive[i] = rnd.nextDouble() < 0.3 + 0.4 * (scores[i] / 8);
            }
            positive[0] = true;
            positive[1] = false;
            ConfusionSteps s = ConfusionSteps.of(scores, positive);
            double auprg = RankingCurves.auprg(s);
            // precG >= 1 - c N / TP >= 1 - 1/pi = -N/P where recG >= 0
            assertTrue(auprg <= 1 && auprg >= -s.negatives() / (double) s.positives(), "AUPRG " + auprg);
            assertEquals(denseAuprg(s), auprg, 1e-6);
        }
    }

    /** Independent estimate: walk each segment in small count steps and add trapezoids of precG over recG >= 0. */
    private static double denseAuprg(ConfusionSteps s) {
        double c = s.positives() / (double) s.negatives();
        double area = 0;
        for (int k = 1; k < s.size(); k++) {
            int parts = 20000;
            double prevX = Double.NaN;
            double prevY = Double.NaN;
            for (int j = 0; j <= parts; j++) {
                double t = j / (double) parts;
                double tp = s.tp(k - 1) + t * (s.tp(k) - s.tp(k - 1));
                double fp = s.fp(k - 1) + t * (s.fp(k) - s.fp(k - 1));
                double x = tp == 0 ? Double.NEGATIVE_INFINITY : 1 - c * (s.positives() - tp) / tp;
                double y = tp == 0 ? Double.NEGATIVE_INFINITY : 1 - c * fp / tp;
                if (j > 0 && x > 0) {
                    double x0 = Math.max(prevX, 0);
                    double y0 = prevX >= 0 ? prevY : prevY + (y - prevY) * (x0 - prevX) / (x - prevX);
                    area += (x - x0) * (y + (Double.isFinite(y0) ? y0 : y)) / 2;
                }
                prevX = x;
                prevY = y;
            }
        }
        return area;
    }

    @Test
    void aurocAgreesWithSmile() {
        Random rnd = new Random(11);
        int n = 300;
        double[] scores = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextDouble() < 0.35 ? 1 : 0;
            scores[i] = Math.round((labels[i] + rnd.nextGaussian()) * 10) / 10.0; // rounded: ties too
        }
        assertEquals(smile.validation.metric.AUC.of(labels, scores),
                RankingCurves.auroc(ConfusionSteps.of(scores, labels)), 1e-9);
    }

    @Test
    void badInputIsRejectedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionSteps.of(new double[]{1, 2}, new int[]{1, 1}));
        assertTrue(e.getMessage().contains("both classes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionSteps.of(new double[]{1, 2}, new int[]{1, 2}));
        assertTrue(e.getMessage().contains("labels[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionSteps.of(new double[]{1, Double.NaN}, new int[]{1, 0}));
        assertTrue(e.getMessage().contains("scores[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionSteps.of(new double[]{1, 2, 3}, new int[]{1, 0}));
        assertTrue(e.getMessage().contains("same length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RankingCurves.allPositivePr(1.5));
        assertTrue(e.getMessage().contains("positiveRate"), e.getMessage());
    }
}
