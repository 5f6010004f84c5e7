package dlnb.layers;

import dlnb.runtime.Dl4jRuntime;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReluConvolutionLayerTest {
    @BeforeAll
    static void oneDnnHelpersOn() {
        Dl4jRuntime.init(); // the oneDNN convolution path is the one the notebooks train on
    }

    /** Homework 3's lab net shape at 12x12: conv 5x5 pad 2 -> ReLU -> pool -> conv 5x5 pad 2 -> ReLU -> pool -> softmax. */
    private static MultiLayerNetwork net(IntFunction<ConvolutionLayer.Builder> conv) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).updater(new Nesterovs(0.05, 0.9))
                .weightInit(WeightInit.RELU).activation(Activation.TANH) // a network default the convolutions must not pick up
                .list()
                .layer(conv.apply(4).build())
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(conv.apply(6).build())
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(12, 12, 1)).build());
        net.init();
        return net;
    }

    private static DataSet batch(int seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, 5, 1, 12, 12);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 5, 3);
        for (int i = 0; i < 5; i++) {
            y.putScalar(i, (i + seed) % 3, 1f);
        }
        return new DataSet(x, y);
    }

    @Test
    void trainsExactlyLikeAReluConvolutionLayer() {
        MultiLayerNetwork reference = net(n -> new ConvolutionLayer.Builder(5, 5).padding(2, 2).nOut(n).activation(Activation.RELU));
        MultiLayerNetwork relu = net(n -> new ReluConvolutionLayer.Builder(5, 5).padding(2, 2).nOut(n));
        assertInstanceOf(LinearConvolution.class, relu.getLayer(0));
        assertEquals(reference.params(), relu.params());
        for (int step = 0; step < 8; step++) {
            DataSet b = batch(step);
            reference.fit(b);
            relu.fit(b);
            assertEquals(reference.score(), relu.score(), 1e-6, "score at step " + step);
        }
        INDArray difference = reference.params().sub(relu.params());
        assertTrue(difference.norm2Number().doubleValue() <= 1e-6 * reference.params().norm2Number().doubleValue(),
                "parameters differ after training: relative difference " + difference.norm2Number().doubleValue() / reference.params().norm2Number().doubleValue());
        INDArray x = batch(99).getFeatures();
        assertTrue(reference.output(x, false).equalsWithEps(relu.output(x, false), 1e-6));
    }

    @Test
    void refusesAnotherActivation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReluConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.TANH).build());
        assertTrue(e.getMessage().contains("plain ReLU"), e.getMessage());
    }
}
