package dlnb.augment;

import dlnb.Seeds;
import dlnb.data.ImageBatches;
import dlnb.data.ImageSet;
import dlnb.data.PixelScaling;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentedBatchesTest {
    static ImageSet images(int n) {
        Random r = new Random(5);
        byte[] pixels = new byte[n * 28 * 28];
        r.nextBytes(pixels);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        return new ImageSet("random", 28, 28, pixels, labels, List.of("a", "b"));
    }

    /** Features of the image at batch position k, as a flat array. */
    static float[] row(DataSet ds, int k) {
        return ds.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.point(k)).dup().data().asFloat();
    }

    static float[] scaled(float[] raw, PixelScaling s) {
        float[] out = new float[raw.length];
        for (int p = 0; p < raw.length; p++) {
            out[p] = (float) ((raw[p] / 255.0 - s.mean()) / s.std());
        }
        return out;
    }

    @Test
    void featuresAreTheAugmentedRawImagesThenScaled() {
        Seeds.set(42);
        ImageSet set = images(6);
        PixelScaling s = PixelScaling.standardise(set);
        CropRotate aug = CropRotate.homework3();
        ImageBatches b = set.batches(4).scaling(s).shuffled("order").augmented(aug, "train aug");
        for (int epoch = 0; epoch < 2; epoch++) {
            b.reset();
            int[] order = b.epochOrder();
            int pos = 0;
            while (b.hasNext()) {
                DataSet ds = b.next();
                for (int k = 0; k < ds.numExamples(); k++, pos++) {
                    int i = order[pos];
                    float[] expected = scaled(aug.apply(set, i, CropRotate.seed("train aug", epoch, i)), s);
                    assertArrayEquals(expected, row(ds, k), 1e-5f, "epoch " + epoch + ", image " + i);
                }
            }
        }
    }

    @Test
    void identityAugmentationGivesThePlainBatches() {
        Seeds.set(42);
        ImageSet set = images(3);
        PixelScaling s = PixelScaling.standardise(set);
        CropRotate none = CropRotate.homework3().scale(1, 1).ratio(1, 1).degrees(0);
        DataSet plain = set.batches(3).scaling(s).next();
        DataSet augmented = set.batches(3).scaling(s).augmented(none, "none").next();
        assertArrayEquals(plain.getFeatures().data().asFloat(), augmented.getFeatures().data().asFloat(), 1e-6f);
        assertArrayEquals(plain.getLabels().data().asFloat(), augmented.getLabels().data().asFloat());
    }

    @Test
    void newDrawEveryEpochButAFixedCopyStaysTheSame() {
        Seeds.set(42);
        ImageSet set = images(2);
        ImageBatches perEpoch = set.batches(2).augmented(CropRotate.homework3(), "aug");
        ImageBatches copy = set.batches(2).augmentedCopy(CropRotate.homework3(), "aug", 5);
        float[] e0 = perEpoch.next().getFeatures().data().asFloat();
        float[] c0 = copy.next().getFeatures().data().asFloat();
        perEpoch.reset();
        copy.reset();
        assertEquals(1, perEpoch.epoch());
        assertEquals(5, copy.augmentationPass());
        float[] e1 = perEpoch.next().getFeatures().data().asFloat();
        float[] c1 = copy.next().getFeatures().data().asFloat();
        assertFalse(java.util.Arrays.equals(e0, e1));
        assertArrayEquals(c0, c1);
        // copy 5 is what epoch 5 of the per-epoch draw gives
        for (int e = 2; e <= 4; e++) {
            perEpoch.reset();
            perEpoch.next();
        }
        perEpoch.reset();
        assertEquals(5, perEpoch.augmentationPass());
        assertArrayEquals(c0, perEpoch.next().getFeatures().data().asFloat());
        assertTrue(copy.toString().contains("augmented (\"aug\", copy 5)"), copy.toString());
    }
}
