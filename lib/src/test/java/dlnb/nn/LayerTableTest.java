package dlnb.nn;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerTableTest {
    private static ConvolutionLayer conv(int k, int filters) {
        return new ConvolutionLayer.Builder(k, k).nOut(filters).build();
    }

    private static SubsamplingLayer pool2() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    /** conv3-32, pool 2, conv3-64, pool 2, conv3-3 without padding on 32x32x3. */
    private static MultiLayerConfiguration smallCnn() {
        return new NeuralNetConfiguration.Builder().convolutionMode(ConvolutionMode.Truncate).list()
                .layer(conv(3, 32)).layer(pool2()).layer(conv(3, 64)).layer(pool2()).layer(conv(3, 3))
                .setInputType(InputType.convolutional(32, 32, 3)).build();
    }

    @Test
    void smallCnnByHand() {
        // 32 -> 30 (conv3) -> 15 (pool) -> 13 (conv3) -> 6 (pool, floor 13/2) -> 4 (conv3)
        // weights 3*3*3*32 = 864, 3*3*32*64 = 18,432, 3*3*64*3 = 1,728; biases 32, 64, 3
        LayerTable table = LayerTable.of(smallCnn(), InputType.convolutional(32, 32, 3));
        assertEquals(List.of("30x30x32", "15x15x32", "13x13x64", "6x6x64", "4x4x3"), table.rows().stream().map(LayerTable.Row::output).toList());
        assertEquals(List.of(28_800L, 7_200L, 10_816L, 2_304L, 48L), table.rows().stream().map(LayerTable.Row::outputValues).toList());
        assertEquals(List.of(28_800L, 0L, 10_816L, 0L, 48L), table.rows().stream().map(LayerTable.Row::neurons).toList());
        assertEquals(List.of(896L, 0L, 18_496L, 0L, 1_731L), table.rows().stream().map(LayerTable.Row::params).toList());
        assertEquals(864 + 18_432 + 1_728, table.weights());
        assertEquals(32 + 64 + 3, table.biases());
        assertEquals(21_123, table.params());
        assertEquals(39_664, table.neurons());
        assertTrue(table.agrees());
        MultiLayerNetwork net = new MultiLayerNetwork(smallCnn());
        net.init();
        assertEquals(net.numParams(), table.dl4jParams());
        assertEquals(6, table.rowsWithTotal().size());
        assertEquals(new FeatureMap(32, 32, 3), table.input());
    }

    @Test
    void denseNetByHand() {
        // 3,072 -> 100 -> 10: 3,072*100 + 100 = 307,300; 100*10 + 10 = 1,010
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nOut(100).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).build())
                .setInputType(InputType.convolutional(32, 32, 3)).build();
        LayerTable table = LayerTable.of(conf, InputType.convolutional(32, 32, 3));
        assertEquals(List.of(307_300L, 1_010L), table.rows().stream().map(LayerTable.Row::params).toList());
        assertEquals(110, table.neurons());
        assertTrue(table.agrees());
    }

    @Test
    void samePaddingStrideAndWindows() {
        // same mode, stride 2 on 7: ceil(7/2) = 4; 5x5x1x8 + 8 = 208 parameters
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().convolutionMode(ConvolutionMode.Same).list()
                .layer(new ConvolutionLayer.Builder(5, 5).stride(2, 2).nOut(8).build())
                .setInputType(InputType.convolutional(7, 7, 1)).build();
        LayerTable table = LayerTable.of(conf, InputType.convolutional(7, 7, 1));
        assertEquals("4x4x8", table.rows().get(0).output());
        assertEquals(208, table.params());
        assertTrue(table.agrees());
        // a dilated, padded convolution's window for the receptive-field calculator
        ReceptiveField.Layer w = LayerTable.window(new ConvolutionLayer.Builder(3, 3).padding(2, 2).dilation(2, 2).nOut(4).build());
        assertEquals(5, w.effectiveKernel());
        assertEquals(2, w.padding());
        assertEquals(2, LayerTable.window(pool2()).stride());
    }

    @Test
    void unsupportedLayersAreNamed() {
        IllegalArgumentException deconv = assertThrows(IllegalArgumentException.class,
                () -> LayerTable.op(new Deconvolution2D.Builder(3, 3).nOut(4).name("up").build()));
        assertTrue(deconv.getMessage().startsWith("up: a Deconvolution2D"), deconv.getMessage());
        IllegalArgumentException rect = assertThrows(IllegalArgumentException.class,
                () -> LayerTable.op(new ConvolutionLayer.Builder(3, 3).stride(1, 2).nOut(4).name("c").build()));
        assertTrue(rect.getMessage().contains("stride along height and width, got [1, 2]"), rect.getMessage());
        assertFalse(LayerTable.op(conv(1, 2)) instanceof Dense);
    }
}
