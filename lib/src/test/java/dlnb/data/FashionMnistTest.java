package dlnb.data;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dlnb.data.IdxFixtures.gz;
import static dlnb.data.IdxFixtures.idx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FashionMnistTest {
    @TempDir
    Path dir;

    @Test
    void readsAFixturePair() throws Exception {
        Path[] files = IdxFixtures.fashionPair(dir, 12);
        ImageSet set = FashionMnist.read(files[0], files[1], "fixture");
        assertEquals(12, set.size());
        assertEquals(28, set.rows());
        assertEquals(7, set.label(7));
        assertEquals(2, set.label(12 - 10));
        assertEquals(31, set.pixel(3, 27, 0));
        assertArrayEquals(new int[]{2, 2, 1, 1, 1, 1, 1, 1, 1, 1}, set.classCounts());
        assertEquals("Ankle boot", set.classNames().get(9));
    }

    @Test
    void rejectsMismatchedCountsWrongSizesAndLabelsOutOfRange() throws Exception {
        Path images = gz(dir, "im.gz", idx(2051, new int[]{3, 28, 28}, new byte[3 * 784]));
        Path twoLabels = gz(dir, "two.gz", idx(2049, new int[]{2}, new byte[]{1, 2}));
        assertTrue(assertThrows(IdxFormatException.class, () -> FashionMnist.read(images, twoLabels, "x"))
                .getMessage().contains("2 labels"));
        Path badLabel = gz(dir, "bad.gz", idx(2049, new int[]{3}, new byte[]{1, 10, 2}));
        assertTrue(assertThrows(IdxFormatException.class, () -> FashionMnist.read(images, badLabel, "x"))
                .getMessage().contains("label 1 is 10"));
        Path small = gz(dir, "small.gz", idx(2051, new int[]{3, 8, 8}, new byte[3 * 64]));
        Path labels = gz(dir, "l.gz", idx(2049, new int[]{3}, new byte[]{0, 1, 2}));
        assertTrue(assertThrows(IdxFormatException.class, () -> FashionMnist.read(small, labels, "x"))
                .getMessage().contains("8x8"));
    }

    @Test
    void partsListThePublishedFileNamesAndUrls() {
        assertEquals("train-images-idx3-ubyte.gz", FashionMnist.Part.TRAIN_IMAGES.fileName());
        assertEquals("MD5", FashionMnist.Part.TEST_LABELS.gzChecksum().algorithm());
        assertEquals("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-labels-idx1-ubyte.gz",
                FashionMnist.Part.TEST_LABELS.remote().url().toString());
    }

    /** The real data, from Debian's dataset-fashion-mnist package; skipped where it is not installed. */
    @Test
    void debianCopiesHaveThePublishedContentAndBalancedClasses() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEBIAN_DIR)),
                "skipped: " + FashionMnist.DEBIAN_DIR + " is absent (apt-get install dataset-fashion-mnist)");
        ImageSet train = FashionMnist.train();
        ImageSet test = FashionMnist.test();
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        for (int c = 0; c < 10; c++) {
            assertEquals(6_000, train.classCounts()[c], "training images of class " + c);
            assertEquals(1_000, test.classCounts()[c], "test images of class " + c);
        }
        // the first training image is an ankle boot and the first test image too (published sample order)
        assertEquals(9, train.label(0));
        assertEquals(9, test.label(0));
        PixelScaling s = PixelScaling.standardise(train);
        assertEquals(0.286, s.mean(), 0.001, "FashionMNIST's widely quoted pixel mean");
        assertEquals(0.353, s.std(), 0.001, "FashionMNIST's widely quoted pixel standard deviation");
        // the four files were read from somewhere and the notebooks can say where
        String source = FashionMnist.source();
        assertTrue(source.startsWith("FashionMNIST read from "), source);
        for (FashionMnist.Part part : FashionMnist.Part.values()) {
            assertTrue(source.contains(part.fileName().replace(".gz", "")), source);
        }
    }
}
