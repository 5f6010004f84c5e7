package dlnb.data;

import dlnb.Seeds;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SyntheticTest {
    @Test
    void moonsAreBalancedReproducibleAndOnTheirCirclesWithoutNoise() {
        Seeds.set(3);
        Synthetic.Points p = Synthetic.moons(10, 0, "t");
        assertEquals(5, Arrays.stream(p.y()).filter(y -> y == 1).count());
        for (int i = 0; i < 10; i++) {
            double cx = p.y()[i] == 0 ? 0 : 1, cy = p.y()[i] == 0 ? 0 : 0.5;
            assertEquals(1.0, Math.hypot(p.x()[i][0] - cx, p.x()[i][1] - cy), 1e-12);
        }
        assertArrayEquals(p.x()[3], Synthetic.moons(10, 0, "t").x()[3]);
        assertEquals(10, p.toDataSet().numExamples());
        assertEquals(1.0, p.toDataSet().getLabels().sumNumber().doubleValue() / 10);
    }

    @Test
    void rejectsBadSizes() {
        assertEquals("n must be at least 2, got 1", assertThrows(IllegalArgumentException.class, () -> Synthetic.moons(1, 0.1, "t")).getMessage());
    }

    @Test
    void blobsAlternateClassesAndScatterAroundTheirCentres() {
        Seeds.set(5);
        double[][] centres = {{-2, 1}, {3, -1}};
        Synthetic.Points p = Synthetic.blobs(4000, centres, 0.5, "t");
        assertEquals(2, p.classes());
        for (int c = 0; c < 2; c++) {
            final int k = c;
            double[][] mine = java.util.stream.IntStream.range(0, 4000).filter(i -> p.y()[i] == k).mapToObj(i -> p.x()[i]).toArray(double[][]::new);
            assertEquals(2000, mine.length);
            double mx = Arrays.stream(mine).mapToDouble(v -> v[0]).average().orElseThrow();
            double my = Arrays.stream(mine).mapToDouble(v -> v[1]).average().orElseThrow();
            double var = Arrays.stream(mine).mapToDouble(v -> (v[0] - centres[k][0]) * (v[0] - centres[k][0])).average().orElseThrow();
            assertEquals(centres[k][0], mx, 0.05);   // 5 standard errors (0.5 / sqrt(2000) = 0.011)
            assertEquals(centres[k][1], my, 0.05);
            assertEquals(0.25, var, 0.03);
        }
        assertEquals(1, p.y()[1]);
        assertArrayEquals(p.x()[7], Synthetic.blobs(4000, centres, 0.5, "t").x()[7]);
        assertArrayEquals(new double[]{-2, 1}, Synthetic.blobs(3, centres, 0, "t").x()[2]);
        assertThrows(IllegalArgumentException.class, () -> Synthetic.blobs(3, new double[][]{{1}}, 0.1, "t"));
    }
}
