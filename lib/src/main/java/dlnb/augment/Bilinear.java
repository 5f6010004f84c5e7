package dlnb.augment;

import dlnb.Args;

/**
 * Bilinear interpolation on a grey-scale image stored row-major in a float array. Pixel {@code (r, c)} sits at
 * the point {@code (y, x) = (r, c)}; between pixels the value is the weighted mean of the four neighbours
 * {@code (y0, x0), (y0, x0+1), (y0+1, x0), (y0+1, x0+1)} with {@code y0 = floor(y)}, {@code x0 = floor(x)},
 * {@code fy = y - y0}, {@code fx = x - x0}:
 *
 * <pre>
 *   v = (1-fy)(1-fx) v(y0,x0) + (1-fy) fx v(y0,x0+1) + fy (1-fx) v(y0+1,x0) + fy fx v(y0+1,x0+1)
 * </pre>
 *
 * At a pixel ({@code fy = fx = 0}) this is the pixel's value exactly. Outside the image, {@link #clamped}
 * moves the point onto the nearest edge (what a resize does at the border) and {@link #filled} gives
 * neighbours outside the image the value {@code fill} (what a rotation does in its corners).
 */
public final class Bilinear {
    private Bilinear() {
    }

    /** The value at {@code (y, x)}, with the point moved onto the image where it lies outside. */
    public static float clamped(float[] image, int offset, int rows, int cols, double y, double x) {
        double cy = Math.min(Math.max(y, 0), rows - 1);
        double cx = Math.min(Math.max(x, 0), cols - 1);
        int y0 = (int) Math.floor(cy), x0 = (int) Math.floor(cx);
        double fy = cy - y0, fx = cx - x0;
        int y1 = Math.min(y0 + 1, rows - 1), x1 = Math.min(x0 + 1, cols - 1);
        double v00 = image[offset + y0 * cols + x0], v01 = image[offset + y0 * cols + x1];
        double v10 = image[offset + y1 * cols + x0], v11 = image[offset + y1 * cols + x1];
        return (float) blend(v00, v01, v10, v11, fy, fx);
    }

    /** The value at {@code (y, x)}, neighbours outside the image counting as {@code fill}. */
    public static float filled(float[] image, int offset, int rows, int cols, double y, double x, float fill) {
        if (!(y > -1 && y < rows && x > -1 && x < cols)) {
            return fill; // all four neighbours outside (or NaN coordinates)
        }
        int y0 = (int) Math.floor(y), x0 = (int) Math.floor(x);
        double fy = y - y0, fx = x - x0;
        if (y0 >= 0 && x0 >= 0 && y0 < rows - 1 && x0 < cols - 1) { // all four neighbours inside: no fill
            int k = offset + y0 * cols + x0;
            return (float) blend(image[k], image[k + 1], image[k + cols], image[k + cols + 1], fy, fx);
        }
        double v00 = at(image, offset, rows, cols, y0, x0, fill), v01 = at(image, offset, rows, cols, y0, x0 + 1, fill);
        double v10 = at(image, offset, rows, cols, y0 + 1, x0, fill), v11 = at(image, offset, rows, cols, y0 + 1, x0 + 1, fill);
        return (float) blend(v00, v01, v10, v11, fy, fx);
    }

    /** Checks that {@code image} holds a {@code rows x cols} image from {@code offset}. */
    static void checkImage(String name, float[] image, int offset, int rows, int cols) {
        Args.notNull(name, image);
        Args.positive("rows", rows);
        Args.positive("cols", cols);
        if (offset < 0 || (long) offset + (long) rows * cols > image.length) { // message built only on failure: called per image
            throw new IllegalArgumentException(name + " must hold " + rows + "x" + cols + " = " + rows * cols + " values from offset "
                    + offset + ", but has length " + image.length);
        }
    }

    private static double at(float[] image, int offset, int rows, int cols, int r, int c, float fill) {
        return r >= 0 && r < rows && c >= 0 && c < cols ? image[offset + r * cols + c] : fill;
    }

    private static double blend(double v00, double v01, double v10, double v11, double fy, double fx) {
        if (fy == 0 && fx == 0) {
            return v00; // exactly the pixel, whatever its neighbours hold
        }
        return (1 - fy) * ((1 - fx) * v00 + fx * v01) + fy * ((1 - fx) * v10 + fx * v11);
    }
}
