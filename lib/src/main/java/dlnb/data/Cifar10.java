package dlnb.data;

import dlnb.Args;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * CIFAR-10 (Krizhevsky, <i>Learning Multiple Layers of Features from Tiny Images</i>, 2009): 60,000 colour
 * images of 32x32 pixels in 10 classes, in the publisher's binary version {@value #FILE_NAME}. The archive
 * holds the folder {@value #FOLDER} with five training files {@code data_batch_1.bin .. data_batch_5.bin}
 * and the test file {@code test_batch.bin}, each 10,000 records of {@value #RECORD_BYTES} bytes: one label
 * byte (0-9), then 1,024 red, 1,024 green and 1,024 blue bytes, each plane row-major.
 *
 * <p>The archive is found like every data file ({@link RemoteFile}: the mirror folders
 * {@code DLNB_DATA_MIRROR}, the {@link DataCache}, else a download into the cache through a
 * {@code .part} file renamed once its MD5 matches) and verified by the publisher's MD5. It is read
 * without unpacking to disk: gunzip and tar (Apache Commons Compress) as a stream, keeping only the
 * classes asked for. As the homework does, the five training files are the training set and the test
 * file is the validation set.
 *
 * <p>{@link #localOrSynthetic} is what the notebooks call: the real data set when a verified copy is on
 * this machine (it never downloads), else {@link SyntheticCifar}'s generated archive in the same layout,
 * read by the same {@link #read} — and it prints which one in one line.
 *
 * <pre>{@code
 * Cifar10.Archive data = Cifar10.localOrSynthetic(1000, Cifar10.HORSE);
 * ColourImages train = data.train().sample(500, "training subset");
 * }</pre>
 */
public final class Cifar10 {
    public static final String DATASET = "cifar-10";
    public static final String FILE_NAME = "cifar-10-binary.tar.gz";
    public static final String URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    /** The MD5 the publisher lists for {@value #FILE_NAME} on https://www.cs.toronto.edu/~kriz/cifar.html. */
    public static final String MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    public static final String FOLDER = "cifar-10-batches-bin";
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
            "data_batch_4.bin", "data_batch_5.bin");
    public static final String VALIDATION_FILE = "test_batch.bin";
    public static final int SIDE = 32;
    public static final int RECORD_BYTES = 1 + 3 * SIDE * SIDE;
    public static final int RECORDS_PER_FILE = 10_000;
    public static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");
    public static final int HORSE = 7;

    private Cifar10() {
    }

    /**
     * What was read from one archive: the training set (the five training files, in order), the validation
     * set (the test file), and where they came from.
     *
     * @param sha256    SHA-256 of the archive's bytes, computed while reading (identifies the data, e.g. for caches)
     * @param synthetic whether this is {@link SyntheticCifar}'s generated stand-in rather than the real data set
     * @param classes   the classes kept (all ten when none were asked for)
     */
    public record Archive(String name, Path file, String sha256, boolean synthetic, int recordsPerFile, List<Integer> classes,
                          ColourImages train, ColourImages validation) {
        /** One line saying which data this is and where it came from. */
        public String describe() {
            String kept = classes.size() == CLASS_NAMES.size() ? "all classes"
                    : "classes " + classes.stream().map(c -> c + " (" + CLASS_NAMES.get(c) + ")").reduce((a, b) -> a + ", " + b).orElse("");
            return String.format(Locale.ROOT, "%s: %,d training and %,d validation images (%s) from %s", name,
                    train.size(), validation.size(), kept, file);
        }
    }

    /** The publisher's archive as a {@link RemoteFile}: mirrors, cache, else a download, checked by the MD5. */
    public static RemoteFile remote() {
        return remote(URI.create(URL), Checksum.md5(MD5));
    }

    /** The archive's file with another URL and checksum (tests: a generated archive through the same cache and mirror code). */
    static RemoteFile remote(URI url, Checksum checksum) {
        return new RemoteFile(DATASET, FILE_NAME, url, checksum);
    }

    /** Fetches {@code file} (mirrors, cache, download) and reads it, expecting {@code recordsPerFile} records per batch file. */
    static Archive load(RemoteFile file, int recordsPerFile, boolean synthetic, int... classes) {
        return read(file.fetch(), recordsPerFile, synthetic, classes);
    }

    /** The real data set (downloading it, about 162 MB, if no verified copy is on this machine), keeping only {@code classes} (all if none). */
    public static Archive load(int... classes) {
        return load(remote(), RECORDS_PER_FILE, false, classes);
    }

    /** A verified copy of the real archive in the mirrors or the cache, without downloading; null if there is none. */
    public static Path local() {
        return local(remote());
    }

    static Path local(RemoteFile file) {
        return file.findLocal(new ArrayList<>());
    }

    /**
     * The real data set if a verified copy is in a mirror folder or the cache (never downloads), else
     * {@link SyntheticCifar#load the synthetic set} with {@code syntheticPerFile} records per batch
     * file; keeps only {@code classes} (all if none) and prints one line saying which data set it is.
     */
    public static Archive localOrSynthetic(int syntheticPerFile, int... classes) {
        return localOrSynthetic(remote(), syntheticPerFile, classes);
    }

    static Archive localOrSynthetic(RemoteFile file, int syntheticPerFile, int... classes) {
        Args.positive("syntheticPerFile", syntheticPerFile);
        Path real = local(file);
        Archive archive;
        if (real != null) {
            archive = read(real, RECORDS_PER_FILE, false, classes);
            System.out.println("Data: the real CIFAR-10 (publisher's MD5 verified) — " + archive.describe());
        } else {
            archive = SyntheticCifar.load(syntheticPerFile, SyntheticCifar.DEFAULT_SEED, classes);
            System.out.println("Data: SYNTHETIC scenes in CIFAR-10's binary layout, not CIFAR-10 (no verified " + FILE_NAME
                    + " in " + DataCache.MIRROR_ENV + " or the cache " + DataCache.location(DATASET, FILE_NAME).getParent()
                    + ") — " + archive.describe());
        }
        return archive;
    }

    /**
     * Reads a CIFAR-10 binary archive (tar.gz) without checksums, checking only its layout: the six batch
     * files present once each, each a whole number of {@value #RECORD_BYTES}-byte records, all equally many
     * ({@code recordsPerFile} if positive), every label 0-9. Keeps the images of {@code classes} (all if none).
     * Any fault throws a {@link Cifar10FormatException} naming the archive, the member and the record.
     */
    public static Archive read(Path file, int recordsPerFile, boolean synthetic, int... classes) {
        Args.notNull("file", file);
        Args.nonNegative("recordsPerFile", recordsPerFile);
        boolean[] keep = new boolean[CLASS_NAMES.size()];
        List<Integer> kept = new ArrayList<>();
        for (int c : Args.notNull("classes", classes)) {
            Args.check(c >= 0 && c < keep.length, "CIFAR-10 classes are 0-9, got " + c);
            keep[c] = true;
        }
        if (classes.length == 0) {
            Arrays.fill(keep, true);
        }
        for (int c = 0; c < keep.length; c++) {
            if (keep[c]) {
                kept.add(c);
            }
        }
        Reader reader = new Reader(file, recordsPerFile, keep);
        reader.run();
        String name = synthetic ? "synthetic CIFAR-10-layout scenes" : "CIFAR-10";
        ColourImages train = reader.images(0, TRAIN_FILES.size(), name + " train");
        ColourImages validation = reader.images(TRAIN_FILES.size(), TRAIN_FILES.size() + 1, name + " validation (test_batch)");
        return new Archive(name, file, reader.sha256, synthetic, reader.records, List.copyOf(kept), train, validation);
    }

    /** Index of a batch file among the training files then the validation file, or -1 for other members. */
    static int part(String memberName) {
        String base = memberName.substring(memberName.lastIndexOf('/') + 1);
        int i = TRAIN_FILES.indexOf(base);
        return i >= 0 ? i : base.equals(VALIDATION_FILE) ? TRAIN_FILES.size() : -1;
    }

    private static final class Reader {
        private final Path file;
        private final int expected;
        private final boolean[] keep;
        private final ByteArrayOutputStream[] pixels = new ByteArrayOutputStream[TRAIN_FILES.size() + 1];
        private final List<List<Integer>> labels = new ArrayList<>();
        private int records = -1;
        private String sha256;
        private String member = "the archive's headers";
        private long record = -1;

        Reader(Path file, int expected, boolean[] keep) {
            this.file = file;
            this.expected = expected;
            this.keep = keep;
            for (int i = 0; i < pixels.length; i++) {
                labels.add(new ArrayList<>());
            }
        }

        void run() {
            MessageDigest md;
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
            try (InputStream raw = Files.newInputStream(file);
                 DigestInputStream digest = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), md)) {
                GZIPInputStream gz = new GZIPInputStream(digest, 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(gz);
                for (TarArchiveEntry e; (e = tar.getNextTarEntry()) != null; ) {
                    int part = part(e.getName());
                    if (!e.isFile() || part < 0) {
                        continue;
                    }
                    member = e.getName();
                    record = -1;
                    readMember(tar, part, e.getSize());
                }
                member = "the end of the archive";
                digest.transferTo(OutputStream.nullOutputStream()); // tar's end blocks and gzip's trailer, for the digest
            } catch (NoSuchFileException e) {
                throw new Cifar10FormatException(file, "does not exist", e);
            } catch (EOFException e) {
                throw fault("is truncated: it ends early" + where(), e);
            } catch (ZipException e) {
                throw fault("is not a valid gzip archive (" + e.getMessage() + ")" + where(), e);
            } catch (IOException e) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("Truncated") || m.contains("truncated")) {
                    throw fault("is truncated: it ends early" + where(), e);
                }
                if (e.getMessage() != null && m.toLowerCase(Locale.ROOT).contains("header")) {
                    throw fault("is not a valid tar archive (" + m + ")" + where(), e);
                }
                throw fault("cannot be read (" + DataCache.describe(e) + ")" + where(), e);
            }
            sha256 = HexFormat.of().formatHex(md.digest());
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < pixels.length; i++) {
                if (pixels[i] == null) {
                    missing.add(FOLDER + "/" + (i < TRAIN_FILES.size() ? TRAIN_FILES.get(i) : VALIDATION_FILE));
                }
            }
            if (!missing.isEmpty()) {
                throw fault("is not a CIFAR-10 binary archive: it lacks " + String.join(", ", missing));
            }
        }

        private void readMember(InputStream in, int part, long size) throws IOException {
            if (pixels[part] != null) {
                throw fault("holds " + member + " twice");
            }
            if (size <= 0 || size % RECORD_BYTES != 0) {
                throw fault(String.format(Locale.ROOT, "member %s has %,d bytes, not a whole number of %,d-byte records"
                        + " (1 label byte + 3 x 32 x 32 pixel bytes)", member, size, RECORD_BYTES));
            }
            long count = size / RECORD_BYTES;
            if (expected > 0 && count != expected) {
                throw fault(String.format(Locale.ROOT, "member %s has %,d bytes (%,d records) but should have %,d records"
                        + " of %,d bytes", member, size, count, expected, RECORD_BYTES));
            }
            if (records >= 0 && count != records) {
                throw fault(String.format(Locale.ROOT, "member %s has %,d records but the files before it have %,d each",
                        member, count, records));
            }
            records = (int) count;
            pixels[part] = new ByteArrayOutputStream();
            byte[] buf = new byte[RECORD_BYTES];
            for (record = 0; record < count; record++) {
                int n = in.readNBytes(buf, 0, RECORD_BYTES);
                if (n < RECORD_BYTES) {
                    throw fault(String.format(Locale.ROOT, "is truncated: record %,d of %s ends after %,d of %,d bytes",
                            record, member, n, RECORD_BYTES));
                }
                int label = buf[0] & 0xff;
                if (label >= CLASS_NAMES.size()) {
                    throw fault(String.format(Locale.ROOT, "record %,d of %s has label %d but CIFAR-10's labels are 0-9",
                            record, member, label));
                }
                if (keep[label]) {
                    pixels[part].write(buf, 1, RECORD_BYTES - 1);
                    labels.get(part).add(label);
                }
            }
            record = -1;
        }

        ColourImages images(int fromPart, int toPart, String name) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            List<Integer> y = new ArrayList<>();
            for (int p = fromPart; p < toPart; p++) {
                all.writeBytes(pixels[p].toByteArray());
                y.addAll(labels.get(p));
            }
            return new ColourImages(name, SIDE, SIDE, all.toByteArray(), y.stream().mapToInt(Integer::intValue).toArray(), CLASS_NAMES);
        }

        private String where() {
            return record >= 0 ? String.format(Locale.ROOT, " (in record %,d of %s)", record, member) : " (in " + member + ")";
        }

        private Cifar10FormatException fault(String problem) {
            return new Cifar10FormatException(file, problem);
        }

        private Cifar10FormatException fault(String problem, Throwable cause) {
            return new Cifar10FormatException(file, problem, cause);
        }
    }
}
