package dlnb.data;

import dlnb.Args;
import dlnb.Seeds;
import smile.clustering.KMeans;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A small set of RGB colours (0-255 per channel) that stands for all colours of a data set, as the
 * colourization homework's 24 k-means colours of the horse pixels: each pixel is then labelled with the
 * index of its nearest palette colour (Euclidean distance in RGB) and a net classifies pixels.
 *
 * <p>{@link #kMeans} clusters a seeded random sample of the images' pixels with Smile's k-means
 * ({@code KMeans.fit}: k-means++ seeding, then Lloyd iterations; Smile's generator seeded from the notebook
 * seed and the purpose) and orders the centres by brightness (mean of R, G, B), ties by red, green, blue.
 * The result is cached in the {@link DataCache} ({@code palettes/}) under a key made of the images'
 * SHA-256 ({@link ColourImages#sha256()}), k, the sample size and the seed, so a notebook re-run (or
 * another notebook on the same images) reads it back instead of clustering again.
 */
public final class Palette {
    public static final String CACHE_DATASET = "palettes";
    private final double[][] colours;
    private final String origin;

    private Palette(double[][] colours, String origin) {
        this.colours = colours;
        this.origin = origin;
    }

    /** A palette of the given colours, {@code k x 3} values in [0, 255], in that order. */
    public static Palette of(double[][] colours) {
        Args.notNull("colours", colours);
        Args.check(colours.length > 0, "a palette needs at least one colour");
        double[][] copy = new double[colours.length][];
        for (int i = 0; i < colours.length; i++) {
            Args.check(colours[i] != null && colours[i].length == 3, "colour " + i + " must have 3 values (R, G, B)");
            for (double v : colours[i]) {
                Args.check(v >= 0 && v <= 255, "colour " + i + " has a value " + v + " outside [0, 255]");
            }
            copy[i] = colours[i].clone();
        }
        return new Palette(copy, "given");
    }

    /**
     * {@code k} colours by k-means over {@code samplePixels} pixels drawn at random (seeded by the notebook
     * seed and "palette") from {@code images}, or all pixels if there are fewer. Cached (see the class comment).
     */
    public static Palette kMeans(ColourImages images, int k, int samplePixels) {
        Args.notNull("images", images);
        Args.positive("k", k);
        Args.positive("samplePixels", samplePixels);
        long total = (long) images.size() * images.pixelsPerImage();
        Args.check(total >= k, "k-means with k = " + k + " needs at least " + k + " pixels; " + images.name() + " has " + total);
        int n = (int) Math.min(samplePixels, total);
        long seed = Seeds.derive("palette");
        String key = String.format(Locale.ROOT, "kmeans-k%d-n%d-seed%d-%s.txt", k, n, seed, images.sha256().substring(0, 32));
        Path cached = DataCache.location(CACHE_DATASET, key);
        Palette p = readCached(cached, k);
        if (p != null) {
            return p;
        }
        double[][] pixels = sample(images, n, new Random(seed));
        smile.math.MathEx.setSeed(seed);
        KMeans km = KMeans.fit(pixels, k, 100, 1e-4);
        double[][] centres = km.centroids.clone();
        Arrays.sort(centres, Comparator.<double[]>comparingDouble(c -> c[0] + c[1] + c[2])
                .thenComparingDouble(c -> c[0]).thenComparingDouble(c -> c[1]).thenComparingDouble(c -> c[2]));
        for (double[] c : centres) {
            for (int ch = 0; ch < 3; ch++) {
                c[ch] = Math.max(0, Math.min(255, c[ch]));
            }
        }
        p = new Palette(centres, String.format(Locale.ROOT, "k-means (k = %d) over %,d pixels of %s", k, n, images.name()));
        writeCached(cached, p);
        return p;
    }

    private static double[][] sample(ColourImages images, int n, Random r) {
        int per = images.pixelsPerImage();
        long total = (long) images.size() * per;
        double[][] x = new double[n][];
        boolean all = n == total;
        for (int k = 0; k < n; k++) {
            long at = all ? k : (long) (r.nextDouble() * total);
            int i = (int) (at / per), p = (int) (at % per);
            x[k] = new double[]{images.red(i, p), images.green(i, p), images.blue(i, p)};
        }
        return x;
    }

    private static Palette readCached(Path file, int k) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            List<double[]> rows = new ArrayList<>();
            String origin = "cached";
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("#")) {
                    origin = line.substring(1).strip() + " (read from the cache " + file + ")";
                    continue;
                }
                String[] f = line.strip().split("\\s+");
                if (f.length != 3) {
                    throw new IOException("line \"" + line + "\" does not hold three numbers");
                }
                double[] c = {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
                for (double v : c) {
                    if (!(v >= 0 && v <= 255)) {
                        throw new IOException("value " + v + " is outside [0, 255]");
                    }
                }
                rows.add(c);
            }
            if (rows.size() != k) {
                throw new IOException("holds " + rows.size() + " colours, not " + k);
            }
            return new Palette(rows.toArray(new double[0][]), origin);
        } catch (IOException | NumberFormatException e) {
            String fate;
            try {
                fate = "moved it to " + DataCache.moveAside(file);
            } catch (IOException io) {
                fate = "could not move it aside (" + DataCache.describe(io) + ")";
            }
            DataCache.warn("cached palette " + file + " is damaged (" + e.getMessage() + "); " + fate + "; computing it again");
            return null;
        }
    }

    private static void writeCached(Path file, Palette p) {
        StringBuilder s = new StringBuilder("# ").append(p.origin).append('\n');
        for (double[] c : p.colours) {
            s.append(String.format(Locale.ROOT, "%.6f %.6f %.6f%n", c[0], c[1], c[2]));
        }
        Path part = file.resolveSibling("." + file.getFileName() + ".part");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(part, s, StandardCharsets.UTF_8);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            DataCache.warn("could not cache the palette in " + file + " (" + DataCache.describe(e) + "); it is used uncached");
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    public int size() {
        return colours.length;
    }

    /** Colour {@code i} as R, G, B in [0, 255]. */
    public double[] colour(int i) {
        Args.check(i >= 0 && i < colours.length, "palette index must be in [0, " + colours.length + "), got " + i);
        return colours[i].clone();
    }

    /** Colour {@code i} as a packed 0xRRGGBB integer (rounded). */
    public int rgb(int i) {
        double[] c = colour(i);
        return ((int) Math.round(c[0]) << 16) | ((int) Math.round(c[1]) << 8) | (int) Math.round(c[2]);
    }

    /** How the palette was made (k-means over which pixels, or read back from the cache). */
    public String origin() {
        return origin;
    }

    /** Index of the palette colour nearest to (r, g, b) in Euclidean distance; the lower index on ties. */
    public int nearest(double r, double g, double b) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < colours.length; i++) {
            double dr = r - colours[i][0], dg = g - colours[i][1], db = b - colours[i][2];
            double d = dr * dr + dg * dg + db * db;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /** The palette as a strip of square swatches, {@code swatch} pixels each, in index order. */
    public BufferedImage image(int swatch) {
        Args.positive("swatch", swatch);
        BufferedImage img = new BufferedImage(swatch * colours.length, swatch, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < colours.length; i++) {
            int rgb = rgb(i);
            for (int x = i * swatch; x < (i + 1) * swatch; x++) {
                for (int y = 0; y < swatch; y++) {
                    img.setRGB(x, y, rgb);
                }
            }
        }
        return img;
    }

    @Override
    public String toString() {
        return colours.length + " colours, " + origin;
    }
}
