package dlnb.data;

import dlnb.Args;

/**
 * How 8-bit pixels become network inputs: {@code (p / 255 - mean) / std}. {@link #UNIT} gives [0, 1];
 * {@link #standardise(ImageSet)} centres and scales by a training set's statistics (use the same
 * scaling for the test set, never the test set's own statistics).
 */
public record PixelScaling(double mean, double std) {
    /** Pixels divided by 255, in [0, 1]. */
    public static final PixelScaling UNIT = new PixelScaling(0, 1);

    public PixelScaling {
        Args.finite("mean", mean);
        Args.positive("std", std);
    }

    /** Zero mean and unit variance over all pixels of {@code images} (after dividing by 255). */
    public static PixelScaling standardise(ImageSet images) {
        Args.notNull("images", images);
        Args.check(images.size() > 0, images.name() + ": the data set is empty, so it has no pixel statistics");
        long[] histogram = images.pixelHistogram();
        double n = 0;
        double sum = 0;
        for (int v = 0; v < 256; v++) {
            n += histogram[v];
            sum += histogram[v] * (v / 255.0);
        }
        double mean = sum / n;
        double squares = 0;
        for (int v = 0; v < 256; v++) {
            double d = v / 255.0 - mean;
            squares += histogram[v] * d * d;
        }
        double std = Math.sqrt(squares / n);
        Args.check(std > 0, "images must not all have the same pixel value (standard deviation 0)");
        return new PixelScaling(mean, std);
    }

    /** The scaled value of pixel value {@code p} (0-255). */
    public float apply(int p) {
        return (float) ((p / 255.0 - mean) / std);
    }

    /** The scaled value of every byte value, indexed by {@code byte & 0xff}: a lookup table for fast conversion. */
    public float[] table() {
        float[] t = new float[256];
        for (int v = 0; v < 256; v++) {
            t[v] = apply(v);
        }
        return t;
    }
}
