package dlnb.autodiff;

import dlnb.Grid;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import static dlnb.autodiff.Autodiff.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionSamplesTest {
    private static final double NaN = Double.NaN;

    @Test
    void samplesHoldTheEnginesValuesAndDerivatives() {
        double[] x = Grid.linspace(-1, 1, 9);
        FunctionSamples s = ((DiffProg) v -> v.mul(v).mul(v)).over(x);
        assertEquals(9, s.size());
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] * x[i] * x[i], s.values()[i], 0);
            assertEquals(3 * x[i] * x[i], s.derivatives()[i], 0);
        }
        assertThrows(IllegalArgumentException.class, () -> FunctionSamples.of(v -> v, 1, 0));
    }

    @Test
    void aJumpBetweenSamplesGetsAGap() {
        double[][] p = FunctionSamples.pieces(new double[]{0, 1, 2, 3}, new double[]{0, 0, 5, 5}, new double[]{1.5});
        assertArrayEquals(new double[]{0, 1, 1.5, 2, 3}, p[0], 0);
        assertArrayEquals(new double[]{0, 0, NaN, 5, 5}, p[1], 0);
    }

    @Test
    void aSampleOnAJumpJoinsTheSideItIsContinuousWith() {
        double[] x = {0, 1, 2, 3, 4};
        // right-continuous: f(2) = 5 belongs to the right piece
        double[][] right = FunctionSamples.pieces(x, new double[]{0, 0, 5, 5, 5}, new double[]{2});
        assertArrayEquals(new double[]{0, 1, 2, 2, 3, 4}, right[0], 0);
        assertArrayEquals(new double[]{0, 0, NaN, 5, 5, 5}, right[1], 0);
        // left-continuous: f(2) = 0 belongs to the left piece
        double[][] left = FunctionSamples.pieces(x, new double[]{0, 0, 0, 5, 5}, new double[]{2});
        assertArrayEquals(new double[]{0, 0, 0, NaN, 5, 5}, left[1], 0);
        // an isolated value at the jump (-1728 at x̂): ties go to the right piece
        double[][] isolated = FunctionSamples.pieces(x, new double[]{0, 0, 9, 0, 0}, new double[]{2});
        assertArrayEquals(new double[]{0, 0, NaN, 9, 0, 0}, isolated[1], 0);
    }

    @Test
    void severalJumpsNoJumpsAndJumpsOutsideTheRange() {
        double[] x = {0, 1, 2, 3}, y = {1, 2, 3, 4};
        double[][] none = FunctionSamples.pieces(x, y, new double[0]);
        assertArrayEquals(x, none[0], 0);
        assertArrayEquals(y, none[1], 0);
        double[][] outside = FunctionSamples.pieces(x, y, new double[]{-1, 0, 3, 7});
        assertArrayEquals(y, outside[1], 0, "jumps outside, or on the end samples, break nothing");
        double[][] two = FunctionSamples.pieces(x, y, new double[]{0.2, 0.7, 2.5});
        assertArrayEquals(new double[]{1, NaN, 2, 3, NaN, 4}, two[1], 0, "two jumps in one interval: one gap");
    }

    @Test
    void plotsDrawTheFunctionInPieces() {
        DiffProg step = v -> value(v) >= 0 ? v.mul(0).add(1) : v.mul(0);
        FunctionSamples s = step.over(Grid.linspace(-1, 1, 5)).breakAt(0);
        assertArrayEquals(new double[]{0}, s.jumps(), 0);
        XYChart f = s.valuePlot("step", "φ(x)").chart();
        assertArrayEquals(new double[]{0, 0, NaN, 1, 1, 1}, f.getSeriesMap().get("φ(x)").getYData(), 0);
        XYChart d = s.derivativePlot("step'", "φ′(x)").chart();
        assertArrayEquals(new double[]{0, 0, 0, 0, 0}, java.util.Arrays.stream(d.getSeriesMap().get("φ′(x)").getYData())
                .filter(v -> !Double.isNaN(v)).toArray(), 0);
        assertEquals(2, s.plots("φ").length);
        assertEquals("φ′(x) from SameDiff", s.plots("φ")[1].chart().getTitle());
        assertTrue(dlnb.plot.Charts.image(f).getWidth() > 0);
    }
}
