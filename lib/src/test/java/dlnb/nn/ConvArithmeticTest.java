package dlnb.nn;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConvArithmeticTest {
    private static final FeatureMap INCEPTION_IN = FeatureMap.square(32, 256);

    @Test
    void outputShapesByHand() {
        // (224 + 2*1 - 3)/1 + 1 = 224
        assertEquals(FeatureMap.square(224, 64), Conv2d.of(3, 64).pad(1).output(FeatureMap.square(224, 3)));
        // (28 - 3)/2 + 1 = 12 + 1 = 13 (floor of 12.5)
        assertEquals(FeatureMap.square(13, 8), Conv2d.of(3, 8).stride(2).output(FeatureMap.square(28, 4)));
        // same: ceil(28/2) = 14, ceil(7/2) = 4
        assertEquals(14, Conv2d.of(3, 8).stride(2).same().output(FeatureMap.square(28, 4)).height());
        assertEquals(4, Conv2d.of(5, 8).stride(2).same().output(FeatureMap.square(7, 4)).width());
        // pools keep channels: (224 - 2)/2 + 1 = 112; 3x3 stride 1 same keeps 32
        assertEquals(FeatureMap.square(112, 64), Pool2d.of(2, 2).output(FeatureMap.square(224, 64)));
        assertEquals(INCEPTION_IN, Pool2d.of(3, 1).same().output(INCEPTION_IN));
        // rectangular kernel 1x7 with explicit padding 0: height kept, width 32 - 6 = 26
        assertEquals(new FeatureMap(32, 26, 16), new Conv2d(1, 7, 16, 1, Padding.of(0), true).output(INCEPTION_IN));
    }

    @Test
    void paramsAndMacsOfSmallLayers() {
        // VGG's first layer: 3*3*3*64 weights + 64 biases = 1,792; MACs 224*224*64*27 = 86,704,128
        Conv2d first = Conv2d.of(3, 64).pad(1);
        FeatureMap rgb = FeatureMap.square(224, 3);
        assertEquals(1728, first.weights(rgb));
        assertEquals(1792, first.params(rgb));
        assertEquals(1728, first.noBias().params(rgb));
        assertEquals(86_704_128L, first.macs(rgb));
        // a 2x2 conv on 3x3x1 with 2 filters: output 2x2x2, params 2*2*1*2 + 2 = 10, MACs 2*2*2 * 4 = 32
        Conv2d tiny = Conv2d.of(2, 2);
        assertEquals(new FeatureMap(2, 2, 2), tiny.output(FeatureMap.square(3, 1)));
        assertEquals(10, tiny.params(FeatureMap.square(3, 1)));
        assertEquals(32, tiny.macs(FeatureMap.square(3, 1)));
        // fc6 of VGG: 7*7*512 = 25,088 inputs x 4096 = 102,760,448 weights + 4096 biases
        Dense fc6 = new Dense(4096);
        assertEquals(102_764_544L, fc6.params(FeatureMap.square(7, 512)));
        assertEquals(102_760_448L, fc6.macs(FeatureMap.square(7, 512)));
        Cost c = Pool2d.of(2, 2).cost("pool", FeatureMap.square(4, 3));
        assertEquals(0, c.params());
        assertEquals(12, c.activations()); // 2x2x3
        assertEquals(48, c.out().bytesFloat32()); // 12 values x 4 bytes
    }

    @Test
    void naiveInceptionByHand() {
        // on 32x32x256, every branch keeps 32x32 ('same'):
        //   1x1, 128: 32*32*128 * 1*1*256 =  33,554,432
        //   3x3, 192: 32*32*192 * 3*3*256 = 452,984,832
        //   5x5,  96: 32*32*96  * 5*5*256 = 629,145,600
        //   total                          = 1,115,684,864 MACs; output depth 128+192+96+256 = 672
        List<Conv2d> convs = List.of(Conv2d.of(1, 128).same(), Conv2d.of(3, 192).same(), Conv2d.of(5, 96).same());
        long total = convs.stream().mapToLong(c -> c.macs(INCEPTION_IN)).sum();
        assertEquals(33_554_432L, convs.get(0).macs(INCEPTION_IN));
        assertEquals(452_984_832L, convs.get(1).macs(INCEPTION_IN));
        assertEquals(629_145_600L, convs.get(2).macs(INCEPTION_IN));
        assertEquals(1_115_684_864L, total);
        int depth = convs.stream().mapToInt(c -> c.output(INCEPTION_IN).channels()).sum()
                + Pool2d.of(3, 1).same().output(INCEPTION_IN).channels();
        assertEquals(672, depth);
    }

    @Test
    void inceptionWithReductionsByHand() {
        // 1x1 128: 33,554,432; reduce 1x1 128: 33,554,432; 3x3 192 on 128: 32*32*192*1152 = 226,492,416;
        // reduce 1x1 32: 32*32*32*256 = 8,388,608; 5x5 96 on 32: 32*32*96*800 = 78,643,200;
        // pool projection 1x1 64: 32*32*64*256 = 16,777,216. Total 397,410,304.
        FeatureMap r128 = Conv2d.of(1, 128).same().output(INCEPTION_IN);
        FeatureMap r32 = Conv2d.of(1, 32).same().output(INCEPTION_IN);
        long total = Conv2d.of(1, 128).macs(INCEPTION_IN) * 2
                + Conv2d.of(3, 192).same().macs(r128)
                + Conv2d.of(1, 32).macs(INCEPTION_IN)
                + Conv2d.of(5, 96).same().macs(r32)
                + Conv2d.of(1, 64).macs(INCEPTION_IN);
        assertEquals(226_492_416L, Conv2d.of(3, 192).same().macs(r128));
        assertEquals(78_643_200L, Conv2d.of(5, 96).same().macs(r32));
        assertEquals(397_410_304L, total);
    }

    @Test
    void vgg19ConfigurationEHasThePublishedParameterCount() {
        // Simonyan & Zisserman configuration E; 143,667,240 parameters with biases (as published by the Keras/torchvision models)
        int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256, 256}, {512, 512, 512, 512}, {512, 512, 512, 512}};
        List<Op> ops = new ArrayList<>();
        for (int[] block : blocks) {
            for (int filters : block) {
                ops.add(Conv2d.of(3, filters).pad(1));
            }
            ops.add(Pool2d.of(2, 2));
        }
        ops.add(new Dense(4096));
        ops.add(new Dense(4096));
        ops.add(new Dense(1000));
        FeatureMap x = FeatureMap.square(224, 3);
        List<Cost> costs = new ArrayList<>();
        for (Op op : ops) {
            costs.add(op.cost(op.toString(), x));
            x = op.output(x);
        }
        assertEquals(FeatureMap.vector(1000), x);
        assertEquals(143_667_240L, Cost.totalParams(costs));
        assertEquals(FeatureMap.square(7, 512), costs.get(costs.size() - 4).out());
    }

    @Test
    void badArgumentsNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.of(5, 8).output(FeatureMap.square(3, 1)));
        assertTrue(e.getMessage().contains("height kernel 5 is larger than the padded input 3 + 2 x 0 = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Conv2d.of(3, 8).stride(0));
        assertTrue(e.getMessage().contains("stride must be positive, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Conv2d.of(3, 8).pad(-1));
        assertTrue(e.getMessage().contains("padding must be zero or more, got -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Conv2d.of(0, 8));
        assertTrue(e.getMessage().contains("kernelH must be positive, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FeatureMap.square(32, 0));
        assertTrue(e.getMessage().contains("channels must be positive, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Dense(-3));
        assertTrue(e.getMessage().contains("units must be positive, got -3"), e.getMessage());
    }
}
