package dlnb.plot;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.Color;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageGridTest {
    @Test
    void greyAndRgbPixelsAreExact() {
        BufferedImage g = Images.grey(new double[]{0, 1, 0.5, 2}, 2, 2);
        assertEquals(0x000000, g.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, g.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(128, new Color(g.getRGB(0, 1)).getRed());
        assertEquals(0xFFFFFF, g.getRGB(1, 1) & 0xFFFFFF, "clamped to white");
        // planar: red plane, green plane, blue plane
        BufferedImage c = Images.rgb(new double[]{1, 0, 0, 1, 0, 0}, 2, 1);
        assertEquals(new Color(255, 0, 0), new Color(c.getRGB(0, 0)));
        assertEquals(new Color(0, 255, 0), new Color(c.getRGB(1, 0)));
    }

    @Test
    void ndArraysOfTheUsualShapes() {
        assertEquals(3, Images.of(Nd4j.zeros(2, 3)).getWidth());
        BufferedImage rgb = Images.of(Nd4j.ones(1, 3, 4, 5));
        assertEquals(5, rgb.getWidth());
        assertEquals(4, rgb.getHeight());
        assertEquals(Color.WHITE, new Color(rgb.getRGB(0, 0)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Images.of(Nd4j.zeros(2, 2, 2))).getMessage().contains("[2, 2, 2]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Images.grey(new double[]{Double.NaN}, 1, 1)).getMessage().contains("NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Images.grey(new double[3], 2, 2)).getMessage().contains("4 pixel values"));
    }

    @Test
    void gridPlacesEveryImageAtItsScale() {
        BufferedImage black = Images.grey(new double[4], 2, 2), white = Images.grey(new double[]{1, 1, 1, 1}, 2, 2);
        ImageGrid grid = ImageGrid.of("t").columns("a", "b").row("first", black, white).row("second", white, black).scale(10);
        BufferedImage image = grid.image();
        assertEquals(2, grid.rowCount());
        assertEquals(2, grid.columnCount());
        assertEquals(0, image.getWidth() % Charts.SCALE);
        // the bottom-right cell is black; its centre is a fixed distance from the image's corner
        int s = Charts.SCALE;
        int x = image.getWidth() - s * (4 + 10), y = image.getHeight() - s * (4 + 10);
        assertEquals(Color.BLACK, new Color(image.getRGB(x, y)));
        assertEquals(Color.WHITE, new Color(image.getRGB(x - s * (4 + 20), y)), "its left neighbour is white");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageGrid.of("").row("x", black, Images.grey(new double[9], 3, 3)))
                .getMessage().contains("2x2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageGrid.of("").image()).getMessage().contains("no rows"));
    }
}
