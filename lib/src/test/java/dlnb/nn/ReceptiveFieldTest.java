package dlnb.nn;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dlnb.nn.ReceptiveField.conv;
import static dlnb.nn.ReceptiveField.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceptiveFieldTest {
    private static long[] fields(List<ReceptiveField.Row> rows) {
        return rows.stream().mapToLong(ReceptiveField.Row::field).toArray();
    }

    private static long[] jumps(List<ReceptiveField.Row> rows) {
        return rows.stream().mapToLong(ReceptiveField.Row::jump).toArray();
    }

    private static double[] starts(List<ReceptiveField.Row> rows) {
        return rows.stream().mapToDouble(ReceptiveField.Row::start).toArray();
    }

    @Test
    void stackedThreeByThreeConvolutionsByHand() {
        // r grows by k - 1 = 2 per layer at jump 1: 1, 3, 5, 7; without padding the first centre moves by 1 per layer
        List<ReceptiveField.Row> rows = ReceptiveField.of(10, conv(3), conv(3), conv(3));
        assertEquals(List.of(1L, 3L, 5L, 7L), List.of(1L, rows.get(1).field(), rows.get(2).field(), rows.get(3).field()));
        assertEquals(List.of(10, 8, 6, 4), rows.stream().map(ReceptiveField.Row::size).toList());
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0), rows.stream().map(ReceptiveField.Row::start).toList());
        // the first unit's field covers pixels 0..6 of the input: its left edge is pixel 0
        assertEquals(0.0, rows.get(3).firstCovered());
    }

    @Test
    void vggBlockWithPoolingByHand() {
        // conv3 p1, conv3 p1, pool 2/2, conv3 p1 on 224:
        //   r: 1, 3, 5, 5 + (2-1)*1 = 6, 6 + (3-1)*2 = 10;  j: 1, 1, 1, 2, 2
        //   start: 0, 0 + (1-1)*1 = 0, 0, 0 + (0.5-0)*1 = 0.5, 0.5 + (1-1)*2 = 0.5;  size 224, 224, 224, 112, 112
        List<ReceptiveField.Row> rows = ReceptiveField.of(224, conv(3).pad(1), conv(3).pad(1), pool(2, 2), conv(3).pad(1));
        assertEquals(List.of(1L, 3L, 5L, 6L, 10L), List.of(fields(rows)[0], fields(rows)[1], fields(rows)[2], fields(rows)[3], fields(rows)[4]));
        assertEquals(List.of(1L, 1L, 1L, 2L, 2L), List.of(jumps(rows)[0], jumps(rows)[1], jumps(rows)[2], jumps(rows)[3], jumps(rows)[4]));
        assertEquals(0.5, starts(rows)[4]);
        assertEquals(112, rows.get(4).size());
        // left edge of the last layer's first unit: 0.5 - (10 - 1)/2 = -4 (four pixels into the padding)
        assertEquals(-4.0, rows.get(4).firstCovered());
    }

    @Test
    void alexNetMatchesItsPublishedReceptiveFields() {
        // AlexNet on 227x227 (conv1 11/4, pool 3/2, conv2 5 p2, pool 3/2, conv3-5 3 p1, pool 3/2):
        // receptive fields 11, 19, 51, 67, 99, 131, 163, 195 (Araujo et al. 2019 list 195 for AlexNet);
        // sizes 55, 27, 27, 13, 13, 13, 13, 6
        List<ReceptiveField.Row> rows = ReceptiveField.of(227, conv(11).stride(4), pool(3, 2), conv(5).pad(2), pool(3, 2),
                conv(3).pad(1), conv(3).pad(1), conv(3).pad(1), pool(3, 2));
        assertEquals(List.of(1L, 11L, 19L, 51L, 67L, 99L, 131L, 163L, 195L), rows.stream().map(ReceptiveField.Row::field).toList());
        assertEquals(List.of(227, 55, 27, 27, 13, 13, 13, 13, 6), rows.stream().map(ReceptiveField.Row::size).toList());
        assertEquals(32L, rows.get(8).jump());
        // first centre: conv1 (11-1)/2 = 5; pool1 5 + 1*4 = 9; conv2 9 + (2-2)*8 = 9; pool2 9 + 1*8 = 17; conv3-5 stay; pool5 17 + 1*16 = 33
        assertEquals(33.0, rows.get(8).start());
    }

    @Test
    void dilatedConvolutionsGrowExponentially() {
        // Yu and Koltun (2016): 3x3 with dilation 1, 2, 4 spans 3, 5, 9 -> fields 3, 7, 15 (2^(i+2) - 1)
        List<ReceptiveField.Row> rows = ReceptiveField.of(64, conv(3).dilation(1).padSame(), conv(3).dilation(2).padSame(),
                conv(3).dilation(4).padSame());
        assertEquals(List.of(1, 3, 5, 9), rows.stream().map(ReceptiveField.Row::effectiveKernel).toList());
        assertEquals(List.of(1L, 3L, 7L, 15L), rows.stream().map(ReceptiveField.Row::field).toList());
        assertEquals(List.of(64, 64, 64, 64), rows.stream().map(ReceptiveField.Row::size).toList());
        assertEquals(List.of(1, 2, 4), rows.stream().skip(1).map(ReceptiveField.Row::padding).toList());
    }

    @Test
    void strideMultipliesLaterGrowthPaddingAndOneByOneDoNot() {
        // three 3x3 stride-2 convs: r 3, 3 + 2*2 = 7, 7 + 2*4 = 15; j 2, 4, 8
        List<ReceptiveField.Row> strided = ReceptiveField.of(64, conv(3).stride(2), conv(3).stride(2), conv(3).stride(2));
        assertEquals(List.of(1L, 3L, 7L, 15L), strided.stream().map(ReceptiveField.Row::field).toList());
        assertEquals(8L, strided.get(3).jump());
        // padding moves the field (start) but not its size
        assertEquals(ReceptiveField.field(64, conv(3), conv(5), pool(2, 2), conv(3)),
                ReceptiveField.field(64, conv(3).pad(1), conv(5).pad(2), pool(2, 2), conv(3).pad(1)));
        // a 1x1 layer adds k - 1 = 0
        assertEquals(ReceptiveField.field(64, conv(3), pool(2, 2), conv(3)),
                ReceptiveField.field(64, conv(3), pool(2, 2), conv(1), conv(3)));
    }

    @Test
    void recursionMatchesAraujoClosedForms() {
        // Araujo et al. (2019), eq. for r_0 and the left edge u_0 of the first unit's field:
        //   r = 1 + sum_l (k_l - 1) prod_{i<l} s_i,    u = -sum_l p_l prod_{i<l} s_i
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<ReceptiveField.Layer> layers = new ArrayList<>();
            long r = 1, u = 0, product = 1;
            for (int l = 0, n = 1 + random.nextInt(6); l < n; l++) {
                int k = 1 + random.nextInt(5), s = 1 + random.nextInt(3), p = random.nextInt(3), d = 1 + random.nextInt(2);
                layers.add(new ReceptiveField.Layer("l" + l, k, s, p, d));
                int kEff = d * (k - 1) + 1;
                r += (long) (kEff - 1) * product;
                u -= (long) p * product;
                product *= s;
            }
            List<ReceptiveField.Row> rows = ReceptiveField.of(100_000, layers);
            ReceptiveField.Row last = rows.get(rows.size() - 1);
            assertEquals(r, last.field(), "field of " + layers);
            assertEquals(u, last.firstCovered(), 1e-12, "left edge of " + layers);
            assertEquals(product, last.jump());
        }
    }

    @Test
    void badInputNamesTheValue() {
        IllegalArgumentException stride = assertThrows(IllegalArgumentException.class, () -> conv(3).stride(0));
        assertTrue(stride.getMessage().contains("stride must be at least 1, got 0"), stride.getMessage());
        IllegalArgumentException pad = assertThrows(IllegalArgumentException.class, () -> conv(3).pad(-1));
        assertTrue(pad.getMessage().contains("got -1"), pad.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.of(3, conv(3), conv(5)));
        assertTrue(big.getMessage().contains("layer 2 (conv 5x5): kernel 5, larger than the padded input 1 + 2 x 0 = 1"), big.getMessage());
        IllegalArgumentException dilated = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.of(8, conv(3).dilation(4)));
        assertTrue(dilated.getMessage().contains("spans 9"), dilated.getMessage());
        IllegalArgumentException input = assertThrows(IllegalArgumentException.class, () -> ReceptiveField.of(0, conv(1)));
        assertTrue(input.getMessage().contains("got 0"), input.getMessage());
        assertThrows(IllegalArgumentException.class, () -> conv(3).dilation(0));
        assertThrows(IllegalArgumentException.class, () -> conv(2).padSame());
    }
}
