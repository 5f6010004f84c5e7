package dlnb.sim;

import dlnb.plot.Charts;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineChartTest {

    @Test
    void oneBarAndOnePushMarkerPerUpdateAndItRenders() {
        List<ParameterServer.Update> u = ParameterServer.until(new double[]{1, 2.5}, 5);
        XYChart chart = TimelineChart.of("timeline", u);
        assertEquals(2 * u.size(), chart.getSeriesMap().size());
        double[] bar = chart.getSeriesMap().get("compute v3").getXData();
        assertTrue(bar[0] > 0 && bar[0] < 0.1 && bar[1] < 2.5 && bar[1] > 2.4, "learner 2's first computation spans (0, 2.5)");
        assertTrue(Charts.png(chart).length > 1000);
    }

    @Test
    void emptyScheduleIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimelineChart.of("t", List.of()));
        assertTrue(e.getMessage().contains("updates"), e.getMessage());
    }
}
