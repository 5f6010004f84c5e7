package dlnb.plot;

import dlnb.Args;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of small images with a label per row and optional column labels, e.g. grey input / prediction / truth
 * for colourization, or originals and their augmentations:
 *
 * <pre>{@code
 * Show.image(ImageGrid.of("Validation images").columns("1", "2", "3")
 *         .row("grey input", g1, g2, g3).row("prediction", p1, p2, p3).row("truth", t1, t2, t3));
 * }</pre>
 *
 * Pixels are enlarged as blocks (nearest neighbour), so what is drawn is exactly the image's pixels; labels are
 * drawn at {@link Charts#SCALE} times for sharp text, like the charts.
 */
public final class ImageGrid {
    /** Target size of one cell's longer side in display pixels, when no scale is given. */
    static final int CELL = 84;
    private static final int GAP = 4;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    private final String title;
    private final List<String> rowLabels = new ArrayList<>();
    private final List<List<BufferedImage>> rows = new ArrayList<>();
    private List<String> columnLabels = List.of();
    private int scale;

    private ImageGrid(String title) {
        this.title = title;
    }

    /** An empty grid with a title (may be empty). */
    public static ImageGrid of(String title) {
        return new ImageGrid(Args.notNull("title", title));
    }

    /** Labels over the columns. */
    public ImageGrid columns(String... labels) {
        columnLabels = List.of(labels);
        return this;
    }

    /** A row of images (all rows' images share one size) with its label. */
    public ImageGrid row(String label, BufferedImage... images) {
        return row(label, List.of(images));
    }

    public ImageGrid row(String label, List<BufferedImage> images) {
        Args.notNull("label", label);
        Args.check(images != null && !images.isEmpty(), "row \"" + label + "\" has no images");
        BufferedImage first = rows.isEmpty() ? images.get(0) : rows.get(0).get(0);
        for (BufferedImage im : images) {
            Args.check(im != null && im.getWidth() == first.getWidth() && im.getHeight() == first.getHeight(),
                    "row \"" + label + "\": every image must be " + first.getWidth() + "x" + first.getHeight() + " pixels");
        }
        rowLabels.add(label);
        rows.add(List.copyOf(images));
        return this;
    }

    /** Display pixels per image pixel (default: cells about {@value #CELL} pixels across). */
    public ImageGrid scale(int pixels) {
        scale = Args.positive("pixels", pixels);
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    public int columnCount() {
        return rows.stream().mapToInt(List::size).max().orElse(0);
    }

    /** The grid drawn at {@link Charts#SCALE} image pixels per display pixel. */
    public BufferedImage image() {
        Args.check(!rows.isEmpty(), "the grid has no rows: add them with row(label, images...)");
        BufferedImage probe = rows.get(0).get(0);
        int s = scale > 0 ? scale : Math.max(1, Math.round((float) CELL / Math.max(probe.getWidth(), probe.getHeight())));
        int cellW = probe.getWidth() * s, cellH = probe.getHeight() * s;
        BufferedImage measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D mg = measure.createGraphics();
        FontMetrics fm = mg.getFontMetrics(FONT);
        int labelW = rowLabels.stream().mapToInt(fm::stringWidth).max().orElse(0) + 3 * GAP;
        int colLabelH = columnLabels.isEmpty() ? 0 : fm.getHeight() + GAP;
        int titleH = title.isEmpty() ? 0 : mg.getFontMetrics(TITLE_FONT).getHeight() + 2 * GAP;
        mg.dispose();
        int cols = columnCount();
        int width = labelW + cols * (cellW + GAP) + GAP;
        int height = titleH + colLabelH + rows.size() * (cellH + GAP) + GAP;
        BufferedImage image = new BufferedImage(width * Charts.SCALE, height * Charts.SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(Charts.SCALE, Charts.SCALE);
            g.setColor(Color.BLACK);
            if (!title.isEmpty()) {
                g.setFont(TITLE_FONT);
                g.drawString(title, GAP, GAP + g.getFontMetrics().getAscent());
            }
            g.setFont(FONT);
            FontMetrics m = g.getFontMetrics();
            for (int c = 0; c < columnLabels.size() && c < cols; c++) {
                String text = columnLabels.get(c);
                int x = labelW + c * (cellW + GAP) + (cellW - m.stringWidth(text)) / 2;
                g.drawString(text, x, titleH + m.getAscent());
            }
            for (int r = 0; r < rows.size(); r++) {
                int y = titleH + colLabelH + r * (cellH + GAP);
                g.drawString(rowLabels.get(r), GAP, y + (cellH + m.getAscent()) / 2);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    g.drawImage(rows.get(r).get(c), labelW + c * (cellW + GAP), y, cellW, cellH, null);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
