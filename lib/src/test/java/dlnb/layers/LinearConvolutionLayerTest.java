package dlnb.layers;

import dlnb.runtime.Dl4jRuntime;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
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

class LinearConvolutionLayerTest {
    @BeforeAll
    static void oneDnnHelpersOn() {
        Dl4jRuntime.init(); // the oneDNN convolution path is the one the notebooks train on
    }

    /** conv(3x3) -> BN -> ReLU -> conv(1x1, stride 2) -> BN -> ReLU -> global average -> softmax, with the given convolutions. */
    private static ComputationGraph net(IntFunction<ConvolutionLayer.Builder> conv) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Nesterovs(0.05, 0.9))
                .weightInit(WeightInit.RELU).activation(Activation.TANH) // a network default the convolutions must not pick up
                .convolutionMode(ConvolutionMode.Truncate).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(8, 8, 2))
                .addLayer("c1", conv.apply(3).padding(1, 1).nOut(6).build(), "in")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "c1")
                .addLayer("r1", new ActivationLayer(Activation.RELU), "bn1")
                .addLayer("c2", conv.apply(1).stride(2, 2).nOut(5).build(), "r1")
                .addLayer("bn2", new BatchNormalization.Builder().build(), "c2")
                .addLayer("r2", new ActivationLayer(Activation.RELU), "bn2")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "r2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build(), "gap")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    private static DataSet batch(int seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 2, 8, 8);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 3);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, (i + seed) % 3, 1f);
        }
        return new DataSet(x, y);
    }

    @Test
    void trainsExactlyLikeAnIdentityConvolutionLayer() {
        ComputationGraph reference = net(k -> new ConvolutionLayer.Builder(k, k).activation(Activation.IDENTITY));
        ComputationGraph linear = net(k -> new LinearConvolutionLayer.Builder(k, k));
        assertEquals(reference.params(), linear.params());
        for (int step = 0; step < 5; step++) {
            DataSet b = batch(step);
            reference.fit(b);
            linear.fit(b);
        }
        // same arithmetic in the same order: the parameters (and BN running statistics) agree to the last bit or nearly
        INDArray difference = reference.params().sub(linear.params());
        assertTrue(difference.norm2Number().doubleValue() <= 1e-6 * reference.params().norm2Number().doubleValue(),
                "parameters differ after training: relative difference " + difference.norm2Number().doubleValue() / reference.params().norm2Number().doubleValue());
        INDArray x = batch(99).getFeatures();
        assertTrue(reference.output(false, x)[0].equalsWithEps(linear.output(false, x)[0], 1e-6));
        assertEquals(reference.score(batch(3), false), linear.score(batch(3), false), 1e-6);
    }

    @Test
    void backpropWithoutATrainingForwardPassRecomputesTheOutput() {
        ComputationGraph linear = net(k -> new LinearConvolutionLayer.Builder(k, k));
        ComputationGraph reference = net(k -> new ConvolutionLayer.Builder(k, k).activation(Activation.IDENTITY));
        DataSet b = batch(1);
        for (ComputationGraph g : new ComputationGraph[]{linear, reference}) {
            g.output(false, b.getFeatures()); // an inference pass in between leaves nothing to reuse
            g.setInputs(b.getFeatures());
            g.setLabels(b.getLabels());
            g.computeGradientAndScore();
        }
        assertTrue(reference.gradient().gradient().equalsWithEps(linear.gradient().gradient(), 1e-6));
    }

    @Test
    void isAConvolutionLayerInSummariesAndJson() {
        ComputationGraph linear = net(k -> new LinearConvolutionLayer.Builder(k, k));
        assertInstanceOf(LinearConvolutionLayer.class, linear.getLayer("c1").conf().getLayer());
        assertTrue(linear.summary().contains("c1 (LinearConvolution)"), linear.summary());
        ComputationGraphConfiguration copy = ComputationGraphConfiguration.fromJson(linear.getConfiguration().toJson());
        ComputationGraph restored = new ComputationGraph(copy);
        restored.init(linear.params().dup(), false);
        assertInstanceOf(LinearConvolution.class, restored.getLayer("c2"));
        INDArray x = batch(5).getFeatures();
        assertEquals(linear.output(false, x)[0], restored.output(false, x)[0]);
    }

    @Test
    void refusesAnActivation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build());
        assertTrue(e.getMessage().contains("has no activation"), e.getMessage());
        assertTrue(e.getMessage().contains("ActivationLayer"), e.getMessage());
    }
}
