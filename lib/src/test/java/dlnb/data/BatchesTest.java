package dlnb.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.indexing.NDArrayIndex;
import dlnb.Seeds;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchesTest {
    /** Ten examples of shape [2, 3, 3] whose every value is the example's index, labels one-hot of index % 2. */
    private static DataSet indexed() {
        float[][][][] f = new float[10][2][3][3];
        float[][] l = new float[10][2];
        for (int i = 0; i < 10; i++) {
            for (float[][] plane : f[i]) {
                for (float[] row : plane) {
                    Arrays.fill(row, i);
                }
            }
            l[i][i % 2] = 1;
        }
        return new DataSet(Nd4j.create(f), Nd4j.create(l));
    }

    private static List<Integer> epoch(Batches b) {
        List<Integer> seen = new ArrayList<>();
        b.reset();
        while (b.hasNext()) {
            DataSet d = b.next();
            for (int k = 0; k < d.numExamples(); k++) {
                int i = (int) d.getFeatures().getFloat(k, 1, 2, 2);
                seen.add(i);
                assertEquals(1f, d.getLabels().getFloat(k, i % 2), "labels travel with their features");
            }
        }
        return seen;
    }

    @Test
    void examplesAreCopiedExactlyFromContiguousArraysAndViews() {
        INDArray images = Nd4j.rand(DataType.FLOAT, 7, 2, 3, 4);
        INDArray flat = Nd4j.rand(DataType.DOUBLE, 9, 5);
        INDArray view = Nd4j.rand(DataType.FLOAT, 6, 9).transpose(); // strided: copied to c-order first
        INDArray base = Nd4j.rand(DataType.FLOAT, 9, 6);
        INDArray offsetRows = base.get(NDArrayIndex.interval(3, 9), NDArrayIndex.all()); // a view: copied first
        long[] idx = {4, 0, 4, 2};
        for (INDArray a : new INDArray[]{images, flat, view, offsetRows}) {
            INDArray got = Batches.rows(a, idx);
            assertArrayEquals(new long[]{4, a.size(1)}, java.util.Arrays.copyOf(got.shape(), 2));
            for (int k = 0; k < idx.length; k++) {
                assertEquals(a.dup('c').slice(idx[k]), got.slice(k), "example " + idx[k] + " of " + a.shapeInfoToString());
            }
        }
        assertArrayEquals(base.toFloatMatrix()[3 + 4], Batches.rows(offsetRows, idx).toFloatMatrix()[0]); // the view's row 4 is row 7
    }

    @Test
    void everyExampleOncePerEpochInANewOrder() {
        Seeds.set(7);
        Batches b = Batches.of(indexed(), 4).shuffled("order");
        assertEquals(3, b.batchesPerEpoch());
        List<Integer> first = epoch(b), second = epoch(b);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), first.stream().sorted().toList());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), second.stream().sorted().toList());
        assertNotEquals(first, second, "a new permutation each epoch");
        Seeds.set(7);
        assertEquals(first, epoch(Batches.of(indexed(), 4).shuffled("order")), "same seed, same order");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), epoch(Batches.of(indexed(), 3)), "unshuffled: in order");
    }

    @Test
    void lastBatchIsSmallerAndShapesKeepTheirRank() {
        Batches b = Batches.of(indexed(), 4);
        b.next();
        b.next();
        DataSet last = b.next();
        assertArrayEquals(new long[]{2, 2, 3, 3}, last.getFeatures().shape());
        assertFalse(b.hasNext());
        assertThrows(java.util.NoSuchElementException.class, b::next);
        assertEquals(18, b.inputColumns());
        assertEquals(2, b.totalOutcomes());
    }

    @Test
    void pointsBatchAndEmptyDataIsRefused() {
        Seeds.set(1);
        Synthetic.Points p = Synthetic.moons(9, 0.1, "p");
        assertEquals(3, p.batches(4, "o").batchesPerEpoch());
        assertEquals(9, p.all().next().numExamples());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Batches.of(new DataSet(), 2)).getMessage().contains("empty"));
    }

    @Test
    void permutationsAreReproducibleAndComplete() {
        Seeds.set(3);
        int[] p = Seeds.permutation(50, "x");
        assertArrayEquals(p, Seeds.permutation(50, "x"));
        assertEquals(50, Arrays.stream(p).distinct().count());
        assertFalse(Arrays.equals(p, Seeds.permutation(50, "y")));
    }
}
