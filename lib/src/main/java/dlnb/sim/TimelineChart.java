package dlnb.sim;

import dlnb.Args;
import dlnb.plot.Charts;
import dlnb.sim.ParameterServer.Update;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;

/**
 * A parameter-server schedule drawn as a timeline: one row per learner, a bar for each gradient
 * computation (pull to push), a dot at each push labelled with the update's version and staleness.
 */
public final class TimelineChart {
    private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};

    private TimelineChart() {
    }

    public static XYChart of(String title, List<Update> updates) {
        Args.notNull("title", title);
        Args.notEmpty("updates", updates);
        int learners = updates.stream().mapToInt(Update::learner).max().orElseThrow();
        double end = updates.stream().mapToDouble(Update::pushTime).max().orElseThrow();
        XYChart chart = Charts.line(title, "time (s)", "learner");
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(end + 0.25);
        chart.getStyler().setYAxisMin(0.4);
        chart.getStyler().setYAxisMax(learners + 0.8);
        // XChart places y ticks where it likes; the rows are named by labels under the bars instead
        chart.getStyler().setYAxisTicksVisible(false);
        chart.setYAxisTitle("");
        for (int l = 1; l <= learners; l++) {
            chart.addAnnotation(new AnnotationText("learner " + l, end * 0.04, learners + 1 - l - 0.22, false));
        }
        for (Update u : updates) {
            double row = learners + 1 - u.learner();
            Color color = COLORS[(u.learner() - 1) % COLORS.length];
            // a small gap before each push keeps back-to-back computations visibly separate
            double gap = Math.min(0.04, (u.pushTime() - u.pullTime()) / 10);
            XYSeries bar = chart.addSeries("compute v" + u.version(), new double[]{u.pullTime() + gap, u.pushTime() - gap}, new double[]{row, row});
            bar.setMarker(SeriesMarkers.NONE);
            bar.setLineColor(color);
            bar.setLineStyle(new BasicStroke(10f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            XYSeries push = chart.addSeries("push v" + u.version(), new double[]{u.pushTime()}, new double[]{row});
            push.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            push.setMarker(SeriesMarkers.CIRCLE);
            push.setMarkerColor(Color.BLACK);
            chart.addAnnotation(new AnnotationText("v" + u.version() + " s" + u.staleness(), u.pushTime(), row + 0.22, false));
        }
        chart.getStyler().setMarkerSize(8);
        return chart;
    }
}
