package dlnb.layers;

import dlnb.runtime.Dl4jRuntime;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaxPoolingLayerTest {
    @BeforeAll
    static void oneDnnHelpersOn() {
        Dl4jRuntime.init(); // DL4J's subsampling layer then runs oneDNN's pooling: the reference
    }

    /** conv 3x3 (identity, so pooling sees continuous values without ties) -> pooling -> softmax 3, on 3x9x9 images. */
    private static MultiLayerNetwork net(Function<SubsamplingLayer.Builder, SubsamplingLayer.Builder> settings, boolean fast,
                                         ConvolutionMode mode, CNN2DFormat format) {
        SubsamplingLayer.Builder pool = settings.apply(fast ? new MaxPoolingLayer.Builder(2, 2)
                : new SubsamplingLayer.Builder(PoolingType.MAX, new int[]{2, 2}));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER)
                .convolutionMode(mode).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).dataFormat(format).build())
                .layer(pool.dataFormat(format).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(9, 9, 3, format))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static void assertSameAsSubsampling(Function<SubsamplingLayer.Builder, SubsamplingLayer.Builder> settings,
                                                ConvolutionMode mode, CNN2DFormat format) {
        MultiLayerNetwork fast = net(settings, true, mode, format);
        MultiLayerNetwork reference = net(settings, false, mode, format);
        assertInstanceOf(MaxPooling.class, fast.getLayer(1));
        Nd4j.getRandom().setSeed(11);
        INDArray x = format == CNN2DFormat.NCHW ? Nd4j.randn(DataType.FLOAT, 5, 3, 9, 9) : Nd4j.randn(DataType.FLOAT, 5, 9, 9, 3);
        INDArray labels = Nd4j.eye(3).getRows(0, 1, 2, 0, 1).castTo(DataType.FLOAT);
        assertEquals(reference.output(x), fast.output(x));
        for (MultiLayerNetwork n : new MultiLayerNetwork[]{fast, reference}) {
            n.setInput(x);
            n.setLabels(labels);
            n.computeGradientAndScore();
        }
        assertEquals(reference.gradient().gradient(), fast.gradient().gradient());
        assertEquals(reference.score(), fast.score(), 0.0);
    }

    @Test
    void matchesDl4jMaxPoolingWithPaddingAndStride() {
        assertSameAsSubsampling(b -> b.kernelSize(3, 3).stride(2, 2).padding(1, 1), ConvolutionMode.Truncate, CNN2DFormat.NCHW);
    }

    @Test
    void matchesDl4jMaxPoolingTwoByTwo() {
        assertSameAsSubsampling(b -> b.stride(2, 2), ConvolutionMode.Truncate, CNN2DFormat.NCHW);
    }

    @Test
    void matchesDl4jMaxPoolingInSameModeAndChannelsLast() {
        assertSameAsSubsampling(b -> b.kernelSize(3, 3).stride(2, 2), ConvolutionMode.Same, CNN2DFormat.NCHW);
        assertSameAsSubsampling(b -> b.kernelSize(3, 3).stride(2, 2), ConvolutionMode.Same, CNN2DFormat.NHWC);
    }

    @Test
    void isASubsamplingLayerInJsonAndRefusesOtherPoolings() {
        MultiLayerNetwork fast = net(b -> b.stride(2, 2), true, ConvolutionMode.Truncate, CNN2DFormat.NCHW);
        MultiLayerNetwork restored = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(fast.getLayerWiseConfigurations().toJson()));
        restored.init(fast.params().dup(), false);
        assertInstanceOf(MaxPooling.class, restored.getLayer(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MaxPoolingLayer.Builder(2, 2).poolingType(PoolingType.AVG).name("p").build());
        assertTrue(e.getMessage().contains("MaxPoolingLayer 'p' pools by maximum"), e.getMessage());
    }
}
