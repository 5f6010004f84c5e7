package dlnb.plot;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Something that draws as one chart: a {@link Plot}, a {@link Bars} or a plain XChart chart wrapped with
 * {@link #of(Chart)}. {@code Show.chart} and {@code Show.charts} take figures.
 */
public interface Figure {
    /** The chart at its own size. */
    Chart<?, ?> chart();

    /** The chart drawn at another size in chart units (panels side by side are drawn narrower). */
    Chart<?, ?> chart(int width, int height);

    /** A plain XChart chart as a figure (drawn at its own size whatever size is asked). */
    static Figure of(Chart<?, ?> chart) {
        dlnb.Args.notNull("chart", chart);
        return new Figure() {
            @Override
            public Chart<?, ?> chart() {
                return chart;
            }

            @Override
            public Chart<?, ?> chart(int width, int height) {
                return chart;
            }
        };
    }
}
