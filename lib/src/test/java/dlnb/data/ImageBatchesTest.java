package dlnb.data;

import dlnb.Seeds;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageBatchesTest {
    /** n images of 2x3 pixels; image i has every pixel = i, label i % 3. */
    static ImageSet tiny(int n) {
        byte[] pixels = new byte[n * 6];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(pixels, i * 6, i * 6 + 6, (byte) i);
            labels[i] = i % 3;
        }
        return new ImageSet("tiny", 2, 3, pixels, labels, List.of("a", "b", "c"));
    }

    @Test
    void batchesHaveImageShapeOneHotLabelsAndUnitScaling() {
        ImageBatches it = tiny(5).batches(2);
        DataSet first = it.next();
        assertArrayEquals(new long[]{2, 1, 2, 3}, first.getFeatures().shape());
        assertArrayEquals(new long[]{2, 3}, first.getLabels().shape());
        assertEquals(1 / 255.0, first.getFeatures().getDouble(1, 0, 1, 2), 1e-7);
        assertArrayEquals(new float[]{0, 1, 0}, first.getLabels().getRow(1).toFloatVector());
        it.next();
        DataSet last = it.next();
        assertEquals(1, last.numExamples(), "the last batch holds the remainder");
        assertEquals(4 / 255.0, last.getFeatures().getDouble(0, 0, 0, 0), 1e-7);
        assertFalse(it.hasNext());
        assertEquals(3, it.batchesPerEpoch());
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }

    @Test
    void flatFeaturesAndStandardScaling() {
        PixelScaling s = new PixelScaling(0.5, 0.25);
        DataSet ds = tiny(3).batches(3).flat().scaling(s).next();
        assertArrayEquals(new long[]{3, 6}, ds.getFeatures().shape());
        assertEquals((2 / 255.0 - 0.5) / 0.25, ds.getFeatures().getDouble(2, 5), 1e-6);
    }

    @Test
    void standardiseGivesZeroMeanUnitVariance() {
        ImageSet set = tiny(4); // pixel values 0,1,2,3 equally often
        PixelScaling s = PixelScaling.standardise(set);
        double mean = 1.5 / 255;
        assertEquals(mean, s.mean(), 1e-12);
        assertEquals(Math.sqrt(1.25) / 255, s.std(), 1e-12);
        INDArray all = set.toDataSet(s, true).getFeatures();
        assertEquals(0, all.meanNumber().doubleValue(), 1e-6);
        assertEquals(1, all.stdNumber().doubleValue() * Math.sqrt((all.length() - 1.0) / all.length()), 1e-5);
    }

    @Test
    void shuffleDiffersPerEpochButRepeatsForTheSameSeed() {
        Seeds.set(7);
        ImageBatches a = tiny(40).batches(8).shuffled("order");
        List<int[]> orders = epochs(a, 3);
        assertFalse(Arrays.equals(orders.get(0), orders.get(1)), "epochs 0 and 1 are shuffled differently");
        assertFalse(Arrays.equals(orders.get(1), orders.get(2)));
        for (int[] o : orders) {
            assertEquals(40, Arrays.stream(o).distinct().count(), "every image once per epoch");
        }
        Seeds.set(7);
        List<int[]> again = epochs(tiny(40).batches(8).shuffled("order"), 3);
        for (int e = 0; e < 3; e++) {
            assertArrayEquals(orders.get(e), again.get(e), "epoch " + e + " repeats for the same seed");
        }
        Seeds.set(8);
        assertFalse(Arrays.equals(orders.get(0), epochs(tiny(40).batches(8).shuffled("order"), 1).get(0)));
    }

    @Test
    void resetWithoutConsumingDoesNotSkipAnEpochAndUnshuffledOrderIsFixed() {
        ImageBatches it = tiny(10).batches(4).shuffled("order");
        int[] before = it.epochOrder();
        it.reset();
        it.reset();
        assertArrayEquals(before, it.epochOrder());
        assertEquals(0, it.epoch());
        ImageBatches fixed = tiny(10).batches(4);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, epochs(fixed, 2).get(1));
    }

    @Test
    void buffersAreReusedUnlessFreshArraysAreAsked() {
        ImageBatches reused = tiny(6).batches(2);
        INDArray f1 = reused.next().getFeatures();
        INDArray f2 = reused.next().getFeatures();
        assertSame(f1, f2, "same array refilled");
        assertEquals(2 / 255.0, f1.getDouble(0, 0, 0, 0), 1e-7, "now holds the second batch");
        assertFalse(reused.asyncSupported());

        ImageBatches fresh = tiny(6).batches(2).freshArrays();
        INDArray g1 = fresh.next().getFeatures();
        INDArray g2 = fresh.next().getFeatures();
        assertNotEquals(System.identityHashCode(g1), System.identityHashCode(g2));
        assertEquals(0, g1.getDouble(0, 0, 0, 0), 1e-7, "first batch kept");
    }

    @Test
    void stratifiedSubsetsAreBalancedReproducibleAndDisjointFromTheRest() {
        Seeds.set(3);
        ImageSet set = tiny(30); // 10 per class
        ImageSet.Split split = set.stratifiedSplit(4, "subset");
        assertArrayEquals(new int[]{4, 4, 4}, split.taken().classCounts());
        assertArrayEquals(new int[]{6, 6, 6}, split.rest().classCounts());
        Set<Integer> ids = new HashSet<>();
        for (ImageSet part : List.of(split.taken(), split.rest())) {
            for (int i = 0; i < part.size(); i++) {
                ids.add(part.pixel(i, 0, 0)); // pixel value identifies the image
            }
        }
        assertEquals(30, ids.size(), "taken and rest partition the set");
        Seeds.set(3);
        ImageSet again = set.stratified(4, "subset");
        for (int i = 0; i < again.size(); i++) {
            assertEquals(split.taken().pixel(i, 1, 2), again.pixel(i, 1, 2));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set.stratified(11, "x"));
        assertTrue(e.getMessage().contains("perClass") && e.getMessage().contains("11"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> set.stratified(0, "x"));
    }

    @Test
    void argumentErrorsNameTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny(3).batches(0)).getMessage().contains("batchSize"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ImageSet("x", 2, 3, new byte[6], new int[]{5}, List.of("a"))).getMessage().contains("labels[0]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ImageSet("x", 2, 3, new byte[5], new int[]{0}, List.of("a"))).getMessage().contains("pixels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> tiny(3).pixel(3, 0, 0)).getMessage().contains("i must"));
    }

    /** The image order of {@code n} epochs, read from the batches (pixel value = image index). */
    private static List<int[]> epochs(ImageBatches it, int n) {
        List<int[]> orders = new ArrayList<>();
        for (int e = 0; e < n; e++) {
            it.reset();
            List<Integer> order = new ArrayList<>();
            while (it.hasNext()) {
                INDArray f = it.next().getFeatures();
                for (int k = 0; k < f.size(0); k++) {
                    order.add((int) Math.round(f.getDouble(k, 0, 0, 0) * 255));
                }
            }
            orders.add(order.stream().mapToInt(Integer::intValue).toArray());
        }
        return orders;
    }
}
