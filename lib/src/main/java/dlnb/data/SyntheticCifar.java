package dlnb.data;

import dlnb.Args;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Date;
import java.util.Locale;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A stand-in for CIFAR-10 where the real archive is not on the machine (tests never download; the course
 * machines cannot reach the publisher): a {@code tar.gz} in exactly {@link Cifar10}'s binary layout
 * ({@value Cifar10#FOLDER}/data_batch_1..5.bin and test_batch.bin, records of one label byte and
 * three 32x32 colour planes), read by {@link Cifar10#read} like the real one.
 *
 * <p>Each record is a procedurally drawn scene whose colours follow from its grey image and the spatial
 * context, so a colourization net has something learnable: a sky that brightens from deep blue at the
 * top to pale blue at a horizon (row 11-22), below it either grass (green, with vertical streaks) or
 * bare soil (brown, smooth, with a few dark specks) that darkens towards the bottom, sometimes a yellow
 * sun in the sky and a tree (brown trunk, dark green crown); and one object per class with a fixed hue
 * for its shape (class 7, horse: a brown body on four darker legs, neck, head and a near-black mane;
 * class 1, automobile: a red box on black wheels; ...). Brightness varies by +-15% per scene and each
 * channel has Gaussian noise (sigma 4), so the grey value alone does not determine the colour.
 * Labels are balanced: each file holds a shuffled {@code i mod 10} sequence. Everything depends only on
 * the seed, the file and the record, so the same arguments give the same bytes.
 */
public final class SyntheticCifar {
    public static final String DATASET = "cifar-10-synthetic";
    /** The seed of the archives the notebooks use, so notebooks 4-6 train on the same scenes. */
    public static final long DEFAULT_SEED = 2009;
    /** Bumped whenever the scenes change, so a cached archive of an older generator is never reused. */
    static final int VERSION = 1;
    private static final int S = Cifar10.SIDE;
    private static final int P = S * S;

    private SyntheticCifar() {
    }

    /** The archive with {@code perFile} records per batch file and the default seed, generated once into the cache. */
    public static Path archive(int perFile) {
        return archive(perFile, DEFAULT_SEED);
    }

    /** The archive for these arguments in the {@link DataCache} ({@value #DATASET}/...), written there (atomically) if absent. */
    public static synchronized Path archive(int perFile, long seed) {
        Path file = DataCache.location(DATASET, fileName(perFile, seed));
        if (!Files.isRegularFile(file)) {
            write(file, perFile, seed);
        }
        return file;
    }

    /** {@code synthetic-v<version>-seed<seed>-<perFile>.tar.gz}. */
    public static String fileName(int perFile, long seed) {
        return String.format(Locale.ROOT, "synthetic-v%d-seed%d-%d.tar.gz", VERSION, seed, Args.positive("perFile", perFile));
    }

    /**
     * The synthetic data set read through {@link Cifar10#read}, keeping {@code classes} (all if none). A cached
     * archive that fails to read is moved aside ({@code .rejected-<time>}, with a warning) and generated again.
     */
    public static Cifar10.Archive load(int perFile, long seed, int... classes) {
        Path file = archive(perFile, seed);
        try {
            return Cifar10.read(file, perFile, true, classes);
        } catch (Cifar10FormatException e) {
            try {
                DataCache.warn(DATASET + ": cached " + e.getMessage() + "; moved it to " + DataCache.moveAside(file)
                        + " and generating it again");
            } catch (IOException io) {
                throw new UncheckedIOException("could not move the damaged " + file + " aside: " + DataCache.describe(io), io);
            }
            return Cifar10.read(archive(perFile, seed), perFile, true, classes);
        }
    }

    /**
     * Writes the archive to {@code file}: into {@code .<name>.part} beside it, renamed into place when
     * complete (a killed run leaves no file under the real name). Returns {@code file}.
     */
    public static Path write(Path file, int perFile, long seed) {
        Args.notNull("file", file);
        Args.positive("perFile", perFile);
        Path part = file.resolveSibling("." + file.getFileName() + ".part");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16);
                 GZIPOutputStream gz = new FastGzip(raw);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                TarArchiveEntry dir = new TarArchiveEntry(Cifar10.FOLDER + "/");
                dir.setModTime(new Date(0));
                tar.putArchiveEntry(dir);
                tar.closeArchiveEntry();
                add(tar, "batches.meta.txt", (String.join("\n", Cifar10.CLASS_NAMES) + "\n").getBytes(StandardCharsets.US_ASCII));
                add(tar, "readme.html", ("<p>Synthetic scenes in CIFAR-10's binary layout, generated by dlnb.data.SyntheticCifar"
                        + " (version " + VERSION + ", seed " + seed + ", " + perFile + " records per file). Not CIFAR-10.</p>\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (int f = 0; f <= Cifar10.TRAIN_FILES.size(); f++) {
                    String name = f < Cifar10.TRAIN_FILES.size() ? Cifar10.TRAIN_FILES.get(f) : Cifar10.VALIDATION_FILE;
                    add(tar, name, batchFile(f, perFile, seed));
                }
                tar.finish();
            }
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the synthetic CIFAR-10 archive " + file + ": " + DataCache.describe(e), e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // nothing more to do: the next write truncates it
            }
        }
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(Cifar10.FOLDER + "/" + name);
        e.setSize(content.length);
        e.setModTime(new Date(0));
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** The records of batch file {@code f} (0-4 training, 5 test). */
    static byte[] batchFile(int f, int perFile, long seed) {
        Random order = new Random(mix(seed, f, -1));
        int[] labels = new int[perFile];
        for (int i = 0; i < perFile; i++) {
            labels[i] = i % Cifar10.CLASS_NAMES.size();
        }
        for (int i = perFile - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        byte[] out = new byte[perFile * Cifar10.RECORD_BYTES];
        for (int i = 0; i < perFile; i++) {
            out[i * Cifar10.RECORD_BYTES] = (byte) labels[i];
            byte[] scene = scene(labels[i], new Random(mix(seed, f, i)));
            System.arraycopy(scene, 0, out, i * Cifar10.RECORD_BYTES + 1, scene.length);
        }
        return out;
    }

    private static long mix(long seed, int file, int record) {
        long h = seed * 0x9E3779B97F4A7C15L + file * 0xBF58476D1CE4E5B9L + record * 0x94D049BB133111EBL;
        h = (h ^ (h >>> 31)) * 0xD6E8FEB86659FD39L;
        return h ^ (h >>> 29);
    }

    /** One scene of class {@code label}: 3 x 32 x 32 planar RGB bytes. */
    static byte[] scene(int label, Random r) {
        Canvas c = new Canvas();
        int horizon = 11 + r.nextInt(12);
        double[] skyTop = {35, 85, 190}, skyLow = {165, 200, 235};
        for (int y = 0; y < horizon; y++) {
            double t = y / (double) Math.max(1, horizon - 1);
            c.row(y, lerp(skyTop, skyLow, t));
        }
        boolean grass = label != 8 && r.nextBoolean();
        int phase = r.nextInt(3);
        for (int y = horizon; y < S; y++) {
            double depth = 1 - 0.35 * (y - horizon) / (double) (S - horizon);
            for (int x = 0; x < S; x++) {
                double[] g;
                if (label == 8) {                           // ship: water below the horizon
                    g = scale(new double[]{40, 80, 150}, depth * (((x + y + phase) % 4 == 0) ? 1.15 : 1));
                } else if (grass) {
                    g = scale(new double[]{60, 140, 50}, depth * (((x + phase) % 3 == 0) ? 1.3 : 0.9));
                } else {
                    g = scale(new double[]{150, 110, 70}, depth);
                }
                c.set(x, y, g);
            }
        }
        if (!grass && label != 8) {
            for (int k = 0; k < 6; k++) {                   // specks on soil
                c.set(r.nextInt(S), horizon + r.nextInt(S - horizon), new double[]{75, 55, 35});
            }
        }
        if (horizon > 9 && r.nextDouble() < 0.4) {           // sun
            c.ellipse(4 + r.nextInt(24), 2 + r.nextInt(Math.max(1, horizon - 7)), 3, 3, new double[]{250, 220, 80});
        }
        if (label != 8 && r.nextDouble() < 0.35) {           // tree at one side
            int tx = r.nextBoolean() ? 2 + r.nextInt(4) : 26 + r.nextInt(4);
            c.rect(tx - 1, horizon - 4, tx + 1, horizon + 3, new double[]{100, 70, 40});
            c.ellipse(tx, horizon - 7, 4, 4, new double[]{40, 100, 40});
        }
        drawObject(c, label, horizon, r);
        double brightness = 0.85 + 0.3 * r.nextDouble();
        return c.bytes(brightness, r);
    }

    private static void drawObject(Canvas c, int label, int horizon, Random r) {
        int cx = 10 + r.nextInt(13);
        int ground = Math.min(S - 8, horizon + 2 + r.nextInt(4));
        switch (label) {
            case 0 -> {                                      // airplane: light grey cross in the sky
                int cy = 2 + r.nextInt(Math.max(1, horizon - 5));
                c.rect(cx - 7, cy, cx + 7, cy + 1, new double[]{215, 215, 225});
                c.rect(cx - 1, cy - 3, cx + 1, cy + 4, new double[]{215, 215, 225});
            }
            case 1 -> {                                      // automobile: red box on black wheels
                c.rect(cx - 7, ground - 4, cx + 7, ground + 1, new double[]{200, 40, 40});
                c.ellipse(cx - 4, ground + 2, 2, 2, new double[]{25, 25, 25});
                c.ellipse(cx + 4, ground + 2, 2, 2, new double[]{25, 25, 25});
            }
            case 2 -> {                                      // bird: small dark wings in the sky
                int cy = 2 + r.nextInt(Math.max(1, horizon - 4));
                c.rect(cx - 3, cy, cx - 1, cy, new double[]{50, 50, 60});
                c.rect(cx + 1, cy, cx + 3, cy, new double[]{50, 50, 60});
                c.rect(cx, cy + 1, cx, cy + 1, new double[]{50, 50, 60});
            }
            case 3 -> {                                      // cat: orange body, head with ears
                c.ellipse(cx, ground, 5, 3, new double[]{225, 135, 50});
                c.ellipse(cx + 5, ground - 4, 2, 2, new double[]{225, 135, 50});
                c.rect(cx + 4, ground - 7, cx + 4, ground - 6, new double[]{225, 135, 50});
                c.rect(cx + 6, ground - 7, cx + 6, ground - 6, new double[]{225, 135, 50});
            }
            case 4 -> animal(c, cx, ground, 6, new double[]{185, 140, 90}, new double[]{150, 110, 70}, false);  // deer
            case 5 -> animal(c, cx, ground, 4, new double[]{120, 120, 125}, new double[]{90, 90, 95}, false);   // dog
            case 6 -> c.ellipse(cx, ground + 1, 4, 2, new double[]{90, 190, 60});                              // frog
            case 7 -> {                                                                                        // horse
                double coat = 0.75 + 0.35 * r.nextDouble();
                animal(c, cx, ground, 8, scale(new double[]{150, 85, 40}, coat), scale(new double[]{85, 50, 25}, coat), true);
            }
            case 8 -> {                                      // ship: grey hull, white cabin, on the water
                int y = horizon + 1 + r.nextInt(3);
                c.rect(cx - 8, y, cx + 8, y + 2, new double[]{95, 95, 105});
                c.rect(cx - 3, y - 3, cx + 3, y - 1, new double[]{235, 235, 235});
            }
            default -> {                                     // truck: blue box, cab, black wheels
                c.rect(cx - 8, ground - 6, cx + 4, ground + 1, new double[]{50, 80, 185});
                c.rect(cx + 5, ground - 3, cx + 8, ground + 1, new double[]{50, 80, 185});
                c.ellipse(cx - 5, ground + 2, 2, 2, new double[]{25, 25, 25});
                c.ellipse(cx + 5, ground + 2, 2, 2, new double[]{25, 25, 25});
            }
        }
    }

    /** A four-legged animal facing right: body, legs, neck, head; with a dark mane if {@code mane}. */
    private static void animal(Canvas c, int cx, int ground, int half, double[] body, double[] legs, boolean mane) {
        int top = ground - 8;
        c.ellipse(cx, top + 2, half, 3, body);
        for (int dx : new int[]{-half + 2, -half + 4, half - 4, half - 2}) {
            c.rect(cx + dx, top + 4, cx + dx, ground + 3, legs);
        }
        for (int k = 0; k < 4; k++) {                        // neck rising to the right
            c.rect(cx + half - 2 + k, top - k, cx + half - 1 + k, top + 1 - k, body);
        }
        c.ellipse(cx + half + 3, top - 4, 2, 1, body);
        if (mane) {
            for (int k = 0; k < 4; k++) {
                c.set(cx + half - 2 + k, top - 1 - k, new double[]{40, 28, 20});
            }
        }
    }

    private static double[] lerp(double[] a, double[] b, double t) {
        return new double[]{a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])};
    }

    private static double[] scale(double[] a, double s) {
        return new double[]{a[0] * s, a[1] * s, a[2] * s};
    }

    /** A 32x32 RGB canvas of doubles, drawn on with clipping. */
    private static final class Canvas {
        final double[] rgb = new double[3 * P];

        void set(int x, int y, double[] colour) {
            if (x >= 0 && x < S && y >= 0 && y < S) {
                for (int ch = 0; ch < 3; ch++) {
                    rgb[ch * P + y * S + x] = colour[ch];
                }
            }
        }

        void row(int y, double[] colour) {
            for (int x = 0; x < S; x++) {
                set(x, y, colour);
            }
        }

        void rect(int x0, int y0, int x1, int y1, double[] colour) {
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    set(x, y, colour);
                }
            }
        }

        void ellipse(int cx, int cy, int rx, int ry, double[] colour) {
            for (int y = cy - ry; y <= cy + ry; y++) {
                for (int x = cx - rx; x <= cx + rx; x++) {
                    double u = (x - cx) / (rx + 0.5), v = (y - cy) / (ry + 0.5);
                    if (u * u + v * v <= 1) {
                        set(x, y, colour);
                    }
                }
            }
        }

        byte[] bytes(double brightness, Random r) {
            byte[] out = new byte[3 * P];
            for (int i = 0; i < out.length; i++) {
                long v = Math.round(rgb[i] * brightness + 4 * r.nextGaussian());
                out[i] = (byte) Math.max(0, Math.min(255, v));
            }
            return out;
        }
    }

    /** gzip at the fastest level (the archive is generated data; size matters less than time). */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
