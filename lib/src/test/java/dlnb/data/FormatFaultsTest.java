package dlnb.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dlnb.data.IdxFixtures.gz;
import static dlnb.data.IdxFixtures.idx;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault class 6 where numbers enter from files: ARFF values that would become NaN or infinity, duplicate
 * attributes, empty nominal sets, empty data sets (the message comes from the call the user made), and
 * IDX headers that declare more data than the file holds (rejected before allocating).
 */
class FormatFaultsTest {
    private static final String HEAD = "@relation r\n@attribute a numeric\n@attribute b numeric\n@attribute c {x,y}\n@data\n";

    @TempDir
    Path dir;

    private static void assertArffRejected(String text, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arff.parse(text));
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "expected \"" + f + "\" in: " + e.getMessage());
        }
    }

    private static void assertValueRejected(String value, String why) {
        assertArffRejected(HEAD + "1,2,x\n3," + value + ",y\n", "ARFF text line 7 (data row 2), value 2 (attribute b)", "\"" + value + "\"", why);
    }

    @Test
    void nanValue() {
        assertValueRejected("NaN", "NaN and infinities are not data values (write ? for a missing value)");
    }

    @Test
    void infinityValue() {
        assertValueRejected("Infinity", "NaN and infinities are not data values");
    }

    @Test
    void negativeInfinityValue() {
        assertValueRejected("-Infinity", "NaN and infinities are not data values");
    }

    @Test
    void shortInfValue() {
        assertValueRejected("inf", "NaN and infinities are not data values");
    }

    @Test
    void hexFloatValue() {
        assertValueRejected("0x1.8p1", "is not a decimal number");
    }

    @Test
    void javaFloatSuffix() {
        assertValueRejected("1.5f", "is not a decimal number");
    }

    @Test
    void emptyValue() {
        assertArffRejected(HEAD + "1,,x\n", "line 6 (data row 1), value 2 (attribute b)", "\"\" is not a decimal number");
    }

    @Test
    void valueBeyondTheDoubleRange() {
        assertArffRejected(HEAD + "1,1e400,x\n", "line 6 (data row 1), value 2 (attribute b)", "1e400 is too large for a double");
        assertArffRejected(HEAD + "-1e309,1,x\n", "line 6 (data row 1), value 1 (attribute a)", "-1e309 is too large");
    }

    @Test
    void tinyValuesAreNumbersNotFaults() {
        double[] row = Arff.parse(HEAD + "1e-400,-0.0,x\n").rows()[0];
        assertTrue(row[0] == 0 && row[1] == 0, "underflow to zero is a valid reading");
    }

    @Test
    void duplicateAttributeName() {
        assertArffRejected("@relation r\n@attribute a numeric\n@attribute 'a' real\n@data\n",
                "line 3", "attribute \"a\" is declared twice (first on line 2)");
    }

    @Test
    void emptyNominalSet() {
        assertArffRejected("@relation r\n@attribute c {}\n@data\n", "line 2", "nominal attribute c declares no values");
        assertArffRejected("@relation r\n@attribute c { }\n@data\n", "nominal attribute c declares no values");
    }

    @Test
    void emptyNominalValue() {
        assertArffRejected("@relation r\n@attribute c {x,,y}\n@data\n", "nominal attribute c has an empty value (position 2");
    }

    @Test
    void repeatedNominalValue() {
        assertArffRejected("@relation r\n@attribute c {x,y,x}\n@data\n", "nominal attribute c lists the value \"x\" twice");
    }

    @Test
    void emptyDataSetFromTheUsersCall() {
        Arff.Data empty = Arff.parse("@relation blood\n@attribute v numeric\n@attribute Class {1,2}\n@data\n% no rows\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BinaryData.fromArff(empty, "blood", "Class", null));
        assertTrue(e.getMessage().startsWith("blood: the data set is empty"), e.getMessage());
    }

    @Test
    void emptyOpenMlDataSetNamesTheIdAndFile(@TempDir Path cache) throws Exception {
        Path arff = Files.writeString(dir.resolve("empty.arff"), "@relation e\n@attribute v numeric\n@attribute Class {a,b}\n@data\n");
        System.setProperty(DataCache.PROPERTY, cache.toString());
        System.setProperty(DataCache.MIRROR_PROPERTY, "");
        try {
            Files.createDirectories(cache.resolve("openml"));
            Files.writeString(cache.resolve("openml/999500-description.json"), MetadataFaultsTest.description(999500, "e",
                    arff.toUri().toString(), FaultData.md5(Files.readAllBytes(arff))));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenMl.binary(999500));
            assertTrue(e.getMessage().startsWith("OpenML data set 999500 (" + cache.resolve("openml/999500-e.arff")
                    + "): the data set is empty"), e.getMessage());
        } finally {
            System.clearProperty(DataCache.PROPERTY);
            System.clearProperty(DataCache.MIRROR_PROPERTY);
        }
    }

    @Test
    void everyRowMissingAValue() {
        Arff.Data d = Arff.parse("@relation m\n@attribute v numeric\n@attribute Class {a,b}\n@data\n?,a\n1,?\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BinaryData.fromArff(d, "m", "Class", null));
        assertTrue(e.getMessage().contains("every one of the 2 rows of m has a missing value"), e.getMessage());
    }

    @Test
    void nonFiniteFeatureInABinaryDataSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BinaryData("d", List.of("f0", "f1"),
                new double[][]{{1, 2}, {3, Double.NaN}}, new int[]{0, 1}, "p", "n"));
        assertTrue(e.getMessage().contains("d: x[1][1] (row 1, feature f1) is NaN"), e.getMessage());
    }

    @Test
    void emptyImageSetHasNoBatchesAndNoStatistics() {
        ImageSet empty = new ImageSet("none", 2, 2, new byte[0], new int[0], List.of("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> empty.batches(32));
        assertTrue(e.getMessage().equals("none: the data set is empty, so it has no batches"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PixelScaling.standardise(empty));
        assertTrue(e.getMessage().startsWith("none: the data set is empty"), e.getMessage());
    }

    @Test
    void emptyImageFile() throws Exception {
        Path images = gz(dir, "im.gz", idx(Idx.IMAGES_MAGIC, new int[]{0, 28, 28}, new byte[0]));
        Path labels = gz(dir, "lb.gz", idx(Idx.LABELS_MAGIC, new int[]{0}, new byte[0]));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> FashionMnist.read(images, labels, "mine"));
        assertTrue(e.getMessage().equals(images + ": holds no images: the data set is empty"), e.getMessage());
    }

    /** Bytes this thread allocated while {@code call} ran. */
    private static long allocatedBy(Runnable call) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        try {
            call.run();
        } catch (IdxFormatException expected) {
            // the message is checked by the caller
        }
        return mx.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void headerDeclaringMoreThanAnUnpackedFileHolds() throws Exception {
        Path file = Files.write(dir.resolve("liar-idx3-ubyte"), idx(Idx.IMAGES_MAGIC, new int[]{2_000_000, 32, 32}, new byte[100]));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(file));
        assertTrue(e.getMessage().contains("declares 2048000000 bytes of images but the file holds only 100 after its header"),
                e.getMessage());
        long allocated = allocatedBy(() -> Idx.readImages(file));
        assertTrue(allocated < 10_000_000, "rejected before allocating the 2 GB it claims; allocated " + allocated + " bytes");
    }

    @Test
    void headerDeclaringMoreThanAGzipArchiveCanHold() throws Exception {
        Path file = gz(dir, "liar.gz", idx(Idx.IMAGES_MAGIC, new int[]{2_000_000, 32, 32}, new byte[100]));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(file));
        assertTrue(e.getMessage().contains("declares 2048000000 bytes of images, more than a") && e.getMessage().contains("gzip archive can hold"),
                e.getMessage());
        long allocated = allocatedBy(() -> Idx.readImages(file));
        assertTrue(allocated < 10_000_000, "allocated " + allocated + " bytes");
    }

    @Test
    void gzipHeaderOverstatingItsContentAllocatesOnlyWhatArrives() throws Exception {
        // 40 MB declared, 2 MB of random bytes present: within deflate's ratio, so the growing buffer has to find out
        byte[] noise = new byte[2_000_000];
        new java.util.Random(3).nextBytes(noise);
        Path file = gz(dir, "over.gz", idx(Idx.IMAGES_MAGIC, new int[]{40_000, 1000, 1}, noise));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(file));
        assertTrue(e.getMessage().contains("is truncated: the header declares 40000000 bytes of images but only 2000000 follow"),
                e.getMessage());
        long allocated = allocatedBy(() -> Idx.readImages(file));
        assertTrue(allocated < 30_000_000, "the 40 MB claimed were not allocated up front; allocated " + allocated + " bytes");
    }

    @Test
    void dimensionsWhoseProductOverflows() throws Exception {
        Path file = Files.write(dir.resolve("huge-idx3-ubyte"), idx(Idx.IMAGES_MAGIC,
                new int[]{70_000, 70_000, 70_000}, new byte[10]));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(file));
        assertTrue(e.getMessage().contains("declares sizes [70000, 70000]..., more bytes of images than one array can hold"),
                e.getMessage());
    }
}
