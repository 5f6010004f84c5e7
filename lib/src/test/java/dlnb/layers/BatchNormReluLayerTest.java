package dlnb.layers;

import dlnb.runtime.Dl4jRuntime;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchNormReluLayerTest {
    @BeforeAll
    static void oneDnnHelpersOn() {
        Dl4jRuntime.init(); // DL4J's batch norm then runs its oneDNN helper, the reference the notebooks replaced
    }

    /** Adds batch norm + ReLU after {@code input}: the fused layer, or DL4J's two layers. */
    private static String bnRelu(GraphBuilder g, String name, String input, boolean fused, boolean logStd) {
        if (fused) {
            g.addLayer(name, new BatchNormReluLayer.Builder().useLogStd(logStd).build(), input);
            return name;
        }
        g.addLayer(name, new BatchNormalization.Builder().useLogStd(logStd).build(), input);
        g.addLayer(name + "_relu", new ActivationLayer(Activation.RELU), name);
        return name + "_relu";
    }

    private static GraphBuilder base() {
        return new NeuralNetConfiguration.Builder().seed(7).updater(new Nesterovs(0.05, 0.9)).weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate).graphBuilder().addInputs("in");
    }

    /** conv -> BN+ReLU -> conv(stride 2) -> BN+ReLU -> global average -> softmax 3, on 2x8x8 images. */
    private static ComputationGraph convNet(boolean fused, boolean logStd, CNN2DFormat format) {
        GraphBuilder g = base().setInputTypes(InputType.convolutional(8, 8, 2, format));
        g.addLayer("c1", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(6).activation(Activation.IDENTITY).dataFormat(format).build(), "in");
        String x = bnRelu(g, "bn1", "c1", fused, logStd);
        g.addLayer("c2", new ConvolutionLayer.Builder(1, 1).stride(2, 2).nOut(5).activation(Activation.IDENTITY).dataFormat(format).build(), x);
        x = bnRelu(g, "bn2", "c2", fused, logStd);
        g.addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        return build(g, "gap");
    }

    /** dense 7 -> BN+ReLU -> softmax 3, on 5 features. */
    private static ComputationGraph denseNet(boolean fused, boolean logStd) {
        GraphBuilder g = base().setInputTypes(InputType.feedForward(5));
        g.addLayer("d1", new DenseLayer.Builder().nOut(7).activation(Activation.IDENTITY).build(), "in");
        return build(g, bnRelu(g, "bn1", "d1", fused, logStd));
    }

    private static ComputationGraph build(GraphBuilder g, String last) {
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build(), last);
        ComputationGraph net = new ComputationGraph(g.setOutputs("out").build());
        net.init();
        return net;
    }

    private static DataSet batch(int seed, long... featureShape) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, featureShape).muli(2).addi(1); // off-centre, so the mean matters
        long n = featureShape[0];
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (i + seed) % 3, 1f);
        }
        return new DataSet(x, y);
    }

    private static double relativeDifference(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    }

    /** Trains both for 5 steps; parameters (with running statistics), inference outputs and scores must agree. */
    private static void assertTrainsLikeDl4j(ComputationGraph fused, ComputationGraph reference, long... featureShape) {
        assertEquals(reference.numParams(), fused.numParams());
        assertEquals(reference.params(), fused.params());
        for (int step = 0; step < 5; step++) {
            DataSet b = batch(step, featureShape);
            reference.fit(b);
            fused.fit(b);
        }
        assertNotEquals(0.0, relativeDifference(reference.params(), convOrDenseInit(reference)), "training changed nothing");
        double difference = relativeDifference(fused.params(), reference.params());
        assertTrue(difference < 1e-5, "parameters differ after training: relative difference " + difference);
        DataSet test = batch(99, featureShape);
        double outputDifference = relativeDifference(fused.output(false, test.getFeatures())[0], reference.output(false, test.getFeatures())[0]);
        assertTrue(outputDifference < 1e-5, "inference outputs differ: relative difference " + outputDifference);
        assertEquals(reference.score(test, false), fused.score(test, false), 1e-5);
    }

    private static INDArray convOrDenseInit(ComputationGraph trained) {
        ComputationGraph fresh = new ComputationGraph(trained.getConfiguration().clone());
        fresh.init();
        return fresh.params();
    }

    @Test
    void trainsLikeDl4jBatchNormAndReluOnImages() {
        assertTrainsLikeDl4j(convNet(true, true, CNN2DFormat.NCHW), convNet(false, true, CNN2DFormat.NCHW), 6, 2, 8, 8);
    }

    @Test
    void trainsLikeDl4jBatchNormAndReluOnDenseActivationsWithVarianceStorage() {
        assertTrainsLikeDl4j(denseNet(true, false), denseNet(false, false), 6, 5);
    }

    @Test
    void gradientsMatchDl4jIncludingWithoutATrainingForwardPass() {
        ComputationGraph fused = convNet(true, true, CNN2DFormat.NCHW);
        ComputationGraph reference = convNet(false, true, CNN2DFormat.NCHW);
        DataSet b = batch(1, 4, 2, 8, 8);
        for (ComputationGraph g : new ComputationGraph[]{fused, reference}) {
            g.output(false, b.getFeatures()); // an inference pass in between leaves nothing to reuse
            g.setInputs(b.getFeatures());
            g.setLabels(b.getLabels());
            g.computeGradientAndScore();
        }
        double difference = relativeDifference(fused.gradient().gradient(), reference.gradient().gradient());
        assertTrue(difference < 1e-5, "gradients differ: relative difference " + difference);
        assertEquals(reference.score(), fused.score(), 1e-6);
    }

    @Test
    void isABatchNormalizationInSummariesAndJson() {
        ComputationGraph fused = convNet(true, true, CNN2DFormat.NCHW);
        assertInstanceOf(BatchNormalization.class, fused.getLayer("bn1").conf().getLayer());
        assertTrue(fused.summary().contains("bn1 (BatchNormRelu)"), fused.summary());
        ComputationGraph restored = new ComputationGraph(ComputationGraphConfiguration.fromJson(fused.getConfiguration().toJson()));
        restored.init(fused.params().dup(), false);
        assertInstanceOf(BatchNormRelu.class, restored.getLayer("bn2"));
        INDArray x = batch(5, 3, 2, 8, 8).getFeatures();
        assertEquals(fused.output(false, x)[0], restored.output(false, x)[0]);
    }

    @Test
    void refusesChannelsLastImages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> convNet(true, true, CNN2DFormat.NHWC));
        assertTrue(e.getMessage().contains("BatchNormReluLayer 'bn1' takes NCHW images"), e.getMessage());
    }

    @Test
    void builderChecksItsSettings() {
        assertThrows(IllegalArgumentException.class, () -> new BatchNormReluLayer.Builder().decay(1.5));
        assertThrows(IllegalArgumentException.class, () -> new BatchNormReluLayer.Builder().eps(0));
        BatchNormReluLayer layer = new BatchNormReluLayer.Builder().name("bn").decay(0.99).eps(1e-3).useLogStd(false).build();
        assertEquals("bn", layer.getLayerName());
        assertEquals(0.99, layer.getDecay());
        assertEquals(1e-3, layer.getEps());
        assertEquals(false, layer.isUseLogStd());
    }
}
