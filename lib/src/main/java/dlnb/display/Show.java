package dlnb.display;

import dlnb.Args;
import dlnb.plot.Charts;
import dlnb.plot.Figure;
import dlnb.plot.ImageGrid;
import dlnb.plot.Plot;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Shows things in the notebook: charts and images as complete PNGs, tables as HTML (with Markdown for
 * PDF export and plain text as fallback), Markdown and LaTeX text. Works in any IJava-family kernel;
 * outside a kernel it prints the plain-text form.
 */
public final class Show {
    private Show() {
    }

    public static void chart(Chart<?, ?> chart) {
        Args.notNull("chart", chart);
        scaledImage(Charts.image(chart), "chart: " + chart.getTitle());
    }

    /** A {@link Plot}, {@link dlnb.plot.Bars} or other figure. */
    public static void chart(Figure figure) {
        chart(Args.notNull("figure", figure).chart());
    }

    /**
     * Several charts side by side, as one image. The output's metadata {@code dlnb.row} lists each chart's
     * width in image pixels, so a PDF export can stack them instead (side by side, a printed legend is too small).
     */
    public static void charts(Chart<?, ?>... charts) {
        List<Chart<?, ?>> list = Arrays.asList(charts);
        BufferedImage row = Charts.row(list);
        String caption = "charts: " + String.join(" | ", list.stream().map(Chart::getTitle).toArray(String[]::new));
        MimeBundle bundle = new MimeBundle().putPng(Charts.png(row), row.getWidth() / Charts.SCALE).put(MimeBundle.PLAIN, caption);
        rowMetadata(list).forEach(bundle::putMetadata);
        bundle(bundle);
    }

    static java.util.Map<String, java.util.Map<String, ?>> rowMetadata(List<? extends Chart<?, ?>> charts) {
        return java.util.Map.of(ROW_METADATA, java.util.Map.of("row", charts.stream().map(c -> c.getWidth() * Charts.SCALE).toList()));
    }

    /** Output metadata key of {@link #charts}: {@code {"row": [pixel width of each chart]}}. */
    public static final String ROW_METADATA = "dlnb";

    /**
     * Figures side by side, as one image, each drawn narrower ({@value #PANELS_WIDTH} chart units in all) so that
     * their text keeps its size when the row is shown at the notebook's width (and in print).
     */
    public static void charts(Figure... figures) {
        Args.check(figures.length > 0, "charts: give at least one figure");
        int width = Math.max(320, PANELS_WIDTH / figures.length), height = Math.max(300, width * 3 / 4);
        charts(Arrays.stream(figures).map(f -> Args.notNull("figure", f).chart(width, height)).toArray(Chart<?, ?>[]::new));
    }

    /** Width in chart units of a row of figures shown by {@link #charts(Figure...)}. */
    static final int PANELS_WIDTH = 960;

    /** A grid of images with its labels. */
    public static void image(ImageGrid grid) {
        Args.notNull("grid", grid);
        scaledImage(grid.image(), "image grid: " + grid.rowCount() + " rows x " + grid.columnCount() + " columns");
    }

    /** A chart as SVG (vector; browsers zoom it cleanly), with a PNG alongside for PDF export. */
    public static void svg(Chart<?, ?> chart) {
        Args.notNull("chart", chart);
        MimeBundle bundle = new MimeBundle().put(MimeBundle.SVG, Charts.svg(chart))
                .putPng(Charts.png(chart), chart.getWidth()).put(MimeBundle.PLAIN, "chart: " + chart.getTitle());
        bundle(bundle);
    }

    /** An image at its own size in pixels. */
    public static void image(BufferedImage image) {
        Args.notNull("image", image);
        bundle(new MimeBundle().putPng(Charts.png(image), image.getWidth())
                .put(MimeBundle.PLAIN, "image " + image.getWidth() + "x" + image.getHeight()));
    }

    /** Charts are drawn at Charts.SCALE pixels per unit; shown at their logical width, text keeps a normal size. */
    private static void scaledImage(BufferedImage image, String caption) {
        bundle(new MimeBundle().putPng(Charts.png(image), image.getWidth() / Charts.SCALE).put(MimeBundle.PLAIN, caption));
    }

    public static void table(Table table) {
        bundle(Tables.bundle(Args.notNull("table", table)));
    }

    /**
     * A table with one row per record and one column per record component, named by the components or by
     * {@code headers}: {@code record Fit(int degree, double trainMse, double heldOutMse) {}} and
     * {@code Show.table("Errors", fits, "degree", "training MSE", "held-out MSE")}.
     */
    public static void table(String title, List<? extends Record> rows, String... headers) {
        table(Tables.of(title, rows, headers));
    }

    /** Markdown with computed values filled in (see {@link Conclusion}). */
    public static void markdown(Conclusion conclusion) {
        markdown(Args.notNull("conclusion", conclusion).markdown());
    }

    public static void markdown(String markdown) {
        Args.notNull("markdown", markdown);
        bundle(new MimeBundle().put(MimeBundle.MARKDOWN, markdown).put(MimeBundle.PLAIN, markdown));
    }

    /** Display maths, e.g. {@code Show.math("\\hat y = Xw")}. */
    public static void math(String tex) {
        Args.notNull("tex", tex);
        String block = "$$" + tex + "$$";
        bundle(new MimeBundle().put(MimeBundle.MARKDOWN, block).put(MimeBundle.LATEX, block).put(MimeBundle.PLAIN, tex));
    }

    /**
     * A key number of the notebook, shown as "name = value" and tagged so the notebook tests can
     * check it is in range (see lib/src/test/python/expectations.json). Returns the value.
     */
    public static double result(String name, double value) {
        Args.notBlank("name", name);
        String shown = name + " = " + Tables.number(value);
        Object json = Double.isFinite(value) ? (Object) value : Double.toString(value);
        bundle(new MimeBundle().put(MimeBundle.PLAIN, shown).putJson(RESULT_MIME, java.util.Map.of("name", name, "value", json)));
        RESULTS.put(name, value);
        return value;
    }

    /** The value last shown by {@link #result} under {@code name} in this kernel, if any (autograded tests read it). */
    public static java.util.OptionalDouble shownResult(String name) {
        Double value = RESULTS.get(Args.notBlank("name", name));
        return value == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(value);
    }

    private static final java.util.Map<String, Double> RESULTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** MIME type of {@link #result} outputs; front ends ignore it and show the text. */
    public static final String RESULT_MIME = "application/vnd.dlnb.result+json";

    /** Shows a bundle as a new output; returns its display id. */
    public static String bundle(MimeBundle bundle) {
        Args.notNull("bundle", bundle);
        String id = UUID.randomUUID().toString();
        Kernel.current().ifPresentOrElse(k -> k.display(bundle, id), () -> System.out.println(bundle.text()));
        return id;
    }

    /** Replaces the output shown under {@code displayId}; outside a kernel, prints the bundle's text. */
    public static void update(String displayId, MimeBundle bundle) {
        Args.notNull("displayId", displayId);
        Args.notNull("bundle", bundle);
        Kernel.current().ifPresentOrElse(k -> k.update(bundle, displayId), () -> System.out.println(bundle.text()));
    }

    /** Whether output goes to a Jupyter kernel (as opposed to a plain console). */
    public static boolean inKernel() {
        return Kernel.current().isPresent();
    }
}
