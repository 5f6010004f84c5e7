package dlnb.display;

import dlnb.plot.Charts;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShowTest {
    /** A PNG is complete when its last chunk is IEND (a truncated Base64 stream loses it; xelatex then fails). */
    private static final byte[] IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    @Test
    void pngsAreCompleteAndSurviveBase64() throws Exception {
        XYChart chart = Charts.line("t", "x", "y");
        chart.addSeries("s", new double[]{1, 2, 3}, new double[]{3, 1, 2});
        byte[] png = Charts.png(chart);
        assertArrayEquals(IEND, Arrays.copyOfRange(png, png.length - IEND.length, png.length));
        MimeBundle bundle = new MimeBundle().putPng(png, 640);
        byte[] decoded = Base64.getDecoder().decode(bundle.get(MimeBundle.PNG));
        assertArrayEquals(png, decoded);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(decoded));
        assertEquals(Charts.WIDTH * Charts.SCALE, image.getWidth());
        assertEquals(Charts.HEIGHT * Charts.SCALE, image.getHeight());
        assertEquals(Map.of("width", 640), bundle.metadata().get(MimeBundle.PNG));
    }

    @Test
    void chartsSideBySideShareOneImage() {
        XYChart a = Charts.line("a", "x", "y");
        XYChart b = Charts.line("b", "x", "y");
        a.addSeries("s", new double[]{0, 1}, new double[]{0, 1});
        b.addSeries("s", new double[]{0, 1}, new double[]{1, 0});
        BufferedImage row = Charts.row(java.util.List.of(a, b));
        assertEquals(2 * Charts.WIDTH * Charts.SCALE, row.getWidth());
    }

    @Test
    void svgIsAnSvgDocument() {
        XYChart chart = Charts.line("t", "x", "y");
        chart.addSeries("s", new double[]{1, 2}, new double[]{1, 2});
        String svg = Charts.svg(chart);
        assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
    }

    @Test
    void tablesRenderAsHtmlMarkdownAndText() {
        Table t = Table.create("Errors", StringColumn.create("model", "a<b", "c|d"), DoubleColumn.create("mse", 0.5, 1.0e-5));
        MimeBundle bundle = Tables.bundle(t);
        String html = bundle.get(MimeBundle.HTML);
        assertTrue(html.startsWith("<table class=\"dlnb-table\"><caption>Errors</caption>"), html);
        assertTrue(html.contains("<td>a&lt;b</td>"), html);
        // one format per column (1e-5 makes it scientific); as many dashes as the widest entry (pandoc's widths)
        assertEquals("**Errors**\n\n| model | mse |\n|-----|---------:|\n| a<b | 5.000e-01 |\n| c\\|d | 1.000e-05 |\n",
                bundle.get(MimeBundle.MARKDOWN));
        assertTrue(bundle.get(MimeBundle.PLAIN).contains("a<b"));
        assertFalse(bundle.data().containsKey(MimeBundle.PNG));
    }

    record Fit(int degree, double trainMse, long parameters, boolean best, String note, Double heldOut) {
    }

    @Test
    void recordsBecomeRowsAndTheirComponentsColumns() {
        List<Fit> fits = List.of(new Fit(1, 0.72, 2L, false, "a|b", 0.87), new Fit(3, 0.25, 4L, true, null, null));
        Table t = Tables.of("Fits", fits);
        assertEquals("Fits", t.name());
        assertEquals(List.of("degree", "trainMse", "parameters", "best", "note", "heldOut"), t.columnNames());
        assertEquals(List.of(ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.LONG, ColumnType.STRING, ColumnType.STRING,
                ColumnType.DOUBLE), t.columns().stream().map(c -> c.type()).toList());
        assertEquals(3, t.intColumn("degree").get(1));
        assertEquals(0.72, t.doubleColumn("trainMse").get(0), 0);
        assertEquals(4L, t.longColumn("parameters").get(1));
        assertEquals(List.of("no", "yes"), t.stringColumn("best").asList());
        assertTrue(t.doubleColumn("heldOut").isMissing(1), "a null box is a missing cell");
        assertEquals("**Fits**\n\n| degree | trainMse | parameters | best | note | heldOut |\n|------:|--------:|----------:|----|----|-------:|\n"
                + "| 1 | 0.7200 | 2 | no | a\\|b | 0.8700 |\n| 3 | 0.2500 | 4 | yes |  |  |\n", Tables.markdown(t), "one decimal format per column");
    }

    @Test
    void recordTablesTakeHeadersAndCheckTheirRows() {
        List<Fit> fits = List.of(new Fit(1, 0.72, 2L, false, "", 0.87));
        Table t = Tables.of("Fits", fits, "degree", "training MSE", "parameters", "best", "note", "held-out MSE");
        assertEquals("training MSE", t.column(1).name());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> Tables.of("Fits", fits, "degree"));
        assertTrue(few.getMessage().contains("1 headers for the 6 components of Fit"), few.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tables.of("empty", List.<Fit>of()));
        record Other(int degree) {
        }
        List<Record> mixed = List.of(new Fit(1, 0.72, 2L, false, "", 0.87), new Other(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tables.of("mixed", mixed));
        assertTrue(e.getMessage().contains("row 1 is a Other, every row must be a Fit"), e.getMessage());
    }

    @Test
    void aColumnOfDecimalsSharesOneNumberOfDecimals() {
        Table t = Table.create("areas", DoubleColumn.create("AP", 0.645, 0.6025, 0.7),
                DoubleColumn.create("count", 3, 1_250_000, 7), DoubleColumn.create("loss", 12.5, 0.0123, Double.NaN));
        assertArrayEquals(new String[]{"0.6450", "0.6025", "0.7000"}, Tables.column(t.column(0), 3));
        assertArrayEquals(new String[]{"3", "1,250,000", "7"}, Tables.column(t.column(1), 3));
        assertArrayEquals(new String[]{"12.50000", "0.01230", ""}, Tables.column(t.column(2), 3));
        assertTrue(Tables.html(t).contains("<td style=\"text-align:right\">0.6450</td>"), Tables.html(t));
    }

    @Test
    void sideBySideChartsRecordEachChartsWidthForPrint() {
        XYChart a = Charts.line("a", "x", "y");
        a.addSeries("s", new double[]{0, 1}, new double[]{0, 1});
        assertEquals(Map.of("row", java.util.List.of(Charts.WIDTH * Charts.SCALE, Charts.WIDTH * Charts.SCALE)),
                Show.rowMetadata(java.util.List.of(a, a)).get(Show.ROW_METADATA));
    }

    @Test
    void longTablesAreCutWithACount() {
        double[] values = new double[Tables.MAX_ROWS + 5];
        Table t = Table.create("long", DoubleColumn.create("v", values));
        assertTrue(Tables.html(t).endsWith("<p>… 5 more rows</p>"));
    }

    @Test
    void numbersShowFourSignificantDigits() {
        assertEquals("0.5", Tables.number(0.5));
        assertEquals("0.1235", Tables.number(0.123456));
        assertEquals("1235", Tables.number(1234.5));
        assertEquals("12.5", Tables.number(12.5));
        assertEquals("1.000e-05", Tables.number(1e-5));
        assertEquals("143,667,240", Tables.number(143_667_240));
        assertEquals("1.437e+15", Tables.number(1.4367e15));
        assertEquals("-3", Tables.number(-3));
        assertEquals("0", Tables.number(0));
        assertEquals("NaN", Tables.number(Double.NaN));
    }

    @Test
    void outsideAKernelShowPrintsPlainText() {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertFalse(Show.inKernel());
            assertEquals(0.25, Show.result("test accuracy", 0.25));
            Show.markdown("**bold**");
        } finally {
            System.setOut(old);
        }
        assertEquals("test accuracy = 0.25\n**bold**\n", out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
