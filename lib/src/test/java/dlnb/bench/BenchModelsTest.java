package dlnb.bench;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchModelsTest {
    @Test
    void mlpHasTheClosedFormParameterCount() {
        // 784*64 + 64 + 64*10 + 10
        assertEquals(50_890, BenchModels.mlp(1).numParams());
    }

    @Test
    void twoConvNetIsHomeworkThreesLabNet() {
        // conv 5x5x1x16 + 16; conv 5x5x16x32 + 32; padded: 28 -> 28 -> 14 -> 14 -> 7: dense 7*7*32*10 + 10
        assertEquals(416 + 12_832 + 15_690, BenchModels.twoConv(1).numParams());
        assertEquals(28_938, BenchModels.twoConv(1).numParams());
    }

    @Test
    void inceptionSmallHasZhangEtAlsTrainableParameterCount() {
        ComputationGraph net = BenchModels.inceptionSmall(1);
        long statistics = 0;
        for (Layer l : net.getLayers()) {
            if (l.conf().getLayer() instanceof BatchNormalization bn) {
                statistics += 2 * bn.getNOut(); // running mean and variance, not trained
            }
        }
        // sum over ConvModules of k^2*in*out + 3*out, plus 336*10 + 10 (see the problem 3 notebook)
        assertEquals(1_651_098, net.numParams() - statistics);
        assertEquals(3_424, statistics);
    }

    @Test
    void poolUpsampleNetHasTheClosedFormCountAndKeepsTheImageSize() {
        var net = BenchModels.poolUpsampleNet(1, 24);
        // convs k^2*in*out + out: 1->32, 32->64, 64->32, 32->24, 24->24; batch norm 4 values per channel (2 trained)
        long convs = (9 * 32 + 32) + (9 * 32 * 64 + 64) + (9 * 64 * 32 + 32) + (9 * 32 * 24 + 24) + (9 * 24 * 24 + 24);
        long bn = 4L * (32 + 64 + 32 + 24);
        assertEquals(convs + bn, net.numParams());
        assertEquals(49_728, convs + bn / 2, "trainable parameters");
        var out = net.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 1, 32, 32));
        assertArrayEquals(new long[]{2, 24, 32, 32}, out.shape());
        assertEquals(2 * 32 * 32, out.sumNumber().doubleValue(), 1e-2, "a softmax over the colours at every pixel");
    }

    @Test
    void convTransposeNetHasTheClosedFormCountAndKeepsTheImageSize() {
        var net = BenchModels.convTransposeNet(1, 24);
        // a transposed conv from C to C' has the k^2*C*C' + C' parameters of a conv: the same total as PoolUpsampleNet
        long convs = (9 * 32 + 32) + (9 * 32 * 64 + 64) + (9 * 64 * 32 + 32) + (9 * 32 * 24 + 24) + (9 * 24 * 24 + 24);
        assertEquals(convs + 4L * (32 + 64 + 32 + 24), net.numParams());
        var out = net.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 1, 32, 32));
        assertArrayEquals(new long[]{2, 24, 32, 32}, out.shape());
        assertEquals(2 * 32 * 32, out.sumNumber().doubleValue(), 1e-2, "a softmax over the colours at every pixel");
    }

    @Test
    void uNetsSkipsWidenTheSecondTransposedConvAndTheLastConv() {
        ComputationGraph net = BenchModels.uNet(1, 24);
        // block 4 reads 32 + 32 channels, block 5 reads 24 + 1 (the grey input)
        long convs = (9 * 32 + 32) + (9 * 32 * 64 + 64) + (9 * 64 * 32 + 32) + (9 * 64 * 24 + 24) + (9 * 25 * 24 + 24);
        assertEquals(convs + 4L * (32 + 64 + 32 + 24), net.numParams());
        assertEquals(57_160, net.numParams());
        var out = net.outputSingle(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 1, 32, 32));
        assertArrayEquals(new long[]{2, 24, 32, 32}, out.shape());
        assertEquals(2 * 32 * 32, out.sumNumber().doubleValue(), 1e-2, "a softmax over the colours at every pixel");
    }

    @Test
    void inceptionSmallMapsImagesToClassProbabilities() {
        ComputationGraph net = BenchModels.inceptionSmall(1);
        var out = net.output(false, Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 1, 28, 28))[0];
        assertArrayEquals(new long[]{2, 10}, out.shape());
        assertEquals(2.0, out.sumNumber().doubleValue(), 1e-4);
        assertTrue(out.minNumber().doubleValue() >= 0);
    }
}
