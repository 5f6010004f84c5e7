package dlnb.data;

import dlnb.Args;

import java.lang.ref.SoftReference;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Zalando's FashionMNIST (Xiao, Rasul and Vollgraf, 2017): 28x28 grey-scale images of clothing in 10
 * classes, 60,000 for training and 10,000 for testing, 6,000 and 1,000 of each class.
 *
 * <p>Where the files come from, in order: Debian's {@code dataset-fashion-mnist} package
 * ({@value #DEBIAN_DIR}), the mirror folders, the {@link DataCache}, else a download from the
 * publishers' site (see {@link RemoteFile}). A copy counts if it has the MD5 the publishers list for
 * the archive or if its unpacked content has the SHA-256 below, so Debian's recompressed archives and
 * copies a user unpacked or recompressed are accepted; anything else is reported and skipped.
 *
 * <pre>{@code
 * ImageSet train = FashionMnist.train(), test = FashionMnist.test();
 * ImageSet small = train.stratified(profile.pick(20, 300, 6000), "training subset");
 * DataSetIterator batches = small.batches(128).shuffled("training order");
 * }</pre>
 */
public final class FashionMnist {
    public static final String DATASET = "fashion-mnist";
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
    public static final String BASE_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    public static final int SIDE = 28;
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The four files: name, the publishers' MD5 of the .gz, and the SHA-256 of its unpacked content. */
    public enum Part {
        TRAIN_IMAGES("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
                "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 60_000),
        TRAIN_LABELS("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
                "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 60_000),
        TEST_IMAGES("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79",
                "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 10_000),
        TEST_LABELS("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310",
                "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10_000);

        private final String fileName;
        private final String gzMd5;
        private final String contentSha256;
        private final int count;

        Part(String fileName, String gzMd5, String contentSha256, int count) {
            this.fileName = fileName;
            this.gzMd5 = gzMd5;
            this.contentSha256 = contentSha256;
            this.count = count;
        }

        public String fileName() {
            return fileName;
        }

        public Checksum gzChecksum() {
            return Checksum.md5(gzMd5);
        }

        public String contentSha256() {
            return contentSha256;
        }

        public int count() {
            return count;
        }

        /** The SHA-256 of the unpacked IDX bytes: what any copy, recompressed or unpacked, must hold. */
        public Checksum contentChecksum() {
            return Checksum.sha256(contentSha256).unpacked();
        }

        /** The file as the loader finds it: Debian's folder, the mirrors, the cache, else the publishers' URL. */
        public RemoteFile remote() {
            return remote(Path.of(DEBIAN_DIR));
        }

        /** The same with other folders in the Debian folder's place (tests). */
        RemoteFile remote(Path... localDirs) {
            return new RemoteFile(DATASET, fileName, URI.create(BASE_URL + fileName), gzChecksum(), localDirs).or(contentChecksum());
        }
    }

    private static final Map<Part, SoftReference<Object>> LOADED = new EnumMap<>(Part.class);
    private static final Map<Part, Path> SOURCES = new EnumMap<>(Part.class);

    private FashionMnist() {
    }

    /** The 60,000 training images. */
    public static ImageSet train() {
        return load(Part.TRAIN_IMAGES, Part.TRAIN_LABELS, "FashionMNIST train");
    }

    /** The 10,000 test images. */
    public static ImageSet test() {
        return load(Part.TEST_IMAGES, Part.TEST_LABELS, "FashionMNIST test");
    }

    /**
     * Reads an image file and its label file (IDX, gzipped or not) without checksums, checking only that
     * they fit together as FashionMNIST: 28x28 images, as many labels as images, labels 0-9.
     */
    public static ImageSet read(Path imagesFile, Path labelsFile, String name) {
        return assemble(Idx.readImages(Args.notNull("imagesFile", imagesFile)), imagesFile,
                Idx.readLabels(Args.notNull("labelsFile", labelsFile)), labelsFile, Args.notNull("name", name));
    }

    private static synchronized ImageSet load(Part imagesPart, Part labelsPart, String name) {
        Idx.Images images = (Idx.Images) verified(imagesPart);
        Idx.Labels labels = (Idx.Labels) verified(labelsPart);
        return assemble(images, Path.of(imagesPart.fileName()), labels, Path.of(labelsPart.fileName()), name);
    }

    /** The parsed content of a part whose unpacked bytes have the expected SHA-256 (kept in memory while it lasts). */
    private static Object verified(Part part) {
        SoftReference<Object> ref = LOADED.get(part);
        Object cached = ref == null ? null : ref.get();
        if (cached != null) {
            return cached;
        }
        // each copy is parsed once: the parse computes the digest of the unpacked bytes that verifies it
        RemoteFile.Fetched<Object> fetched = part.remote().fetchWithSource(file -> parse(part, file), FashionMnist::contentSha);
        LOADED.put(part, new SoftReference<>(fetched.content()));
        SOURCES.put(part, fetched.source());
        return fetched.content();
    }

    /**
     * Where the files loaded so far were read from, e.g. {@code "FashionMNIST read from /usr/share/datasets/fashion-mnist
     * (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz)"}: Debian's folder, a mirror or the cache. Notebooks print it.
     */
    public static synchronized String source() {
        if (SOURCES.isEmpty()) {
            return "FashionMNIST: nothing loaded yet";
        }
        Map<Path, List<String>> byFolder = new java.util.LinkedHashMap<>();
        SOURCES.forEach((part, path) -> byFolder.computeIfAbsent(path.toAbsolutePath().getParent(), d -> new java.util.ArrayList<>())
                .add(path.getFileName().toString()));
        List<String> folders = new java.util.ArrayList<>();
        byFolder.forEach((dir, files) -> folders.add(dir + " (" + String.join(", ", files) + ")"));
        return "FashionMNIST read from " + String.join("; ", folders);
    }

    private static Object parse(Part part, Path file) {
        return part == Part.TRAIN_IMAGES || part == Part.TEST_IMAGES ? Idx.readImages(file) : Idx.readLabels(file);
    }

    private static String contentSha(Object parsed) {
        return parsed instanceof Idx.Images im ? im.contentSha256() : ((Idx.Labels) parsed).contentSha256();
    }

    private static ImageSet assemble(Idx.Images images, Path imagesFile, Idx.Labels labels, Path labelsFile, String name) {
        if (images.count() == 0) {
            throw new IdxFormatException(imagesFile, "holds no images: the data set is empty");
        }
        if (images.rows() != SIDE || images.cols() != SIDE) {
            throw new IdxFormatException(imagesFile, "holds " + images.rows() + "x" + images.cols()
                    + " images but FashionMNIST's are " + SIDE + "x" + SIDE);
        }
        if (images.count() != labels.count()) {
            throw new IdxFormatException(labelsFile, "has " + labels.count() + " labels but " + imagesFile
                    + " has " + images.count() + " images");
        }
        int[] y = new int[labels.count()];
        byte[] values = labels.values();
        for (int i = 0; i < y.length; i++) {
            y[i] = values[i] & 0xff;
            if (y[i] >= CLASS_NAMES.size()) {
                throw new IdxFormatException(labelsFile, "label " + i + " is " + y[i] + " but FashionMNIST's labels are 0-9");
            }
        }
        return new ImageSet(name, SIDE, SIDE, images.pixels(), y, CLASS_NAMES);
    }
}
