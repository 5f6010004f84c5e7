package dlnb.runtime;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Dl4jRuntimeTest {

    @Test
    void oneDnnHelpersAreActiveAndUsedByConvPoolAndBatchNormLayers() {
        Dl4jRuntime.init();
        assertTrue(Dl4jRuntime.oneDnnInBuild(), "the ND4J native build on the classpath should include oneDNN");
        assertTrue(Dl4jRuntime.helpersActive(), Dl4jRuntime.describe());

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.output(Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8)); // helpers are created lazily on first use

        assertInstanceOf(MKLDNNConvHelper.class, helper(net, 0));
        assertInstanceOf(MKLDNNBatchNormHelper.class, helper(net, 1));
        assertInstanceOf(MKLDNNSubsamplingHelper.class, helper(net, 2));
    }

    @Test
    void defaultsToFloat() {
        Dl4jRuntime.init();
        assertEquals(DataType.FLOAT, Nd4j.defaultFloatingPointType());
        assertTrue(Dl4jRuntime.describe().contains("oneDNN helpers on"), Dl4jRuntime.describe());
    }

    @Test
    void useThreadsSwitchesNd4jAndBlasThreadsAtRuntimeAndReturnsThePreviousSetting() {
        int original = Dl4jRuntime.threads();
        try {
            assertEquals(original, Dl4jRuntime.useThreads(1));
            assertEquals(1, Dl4jRuntime.threads());
            assertEquals(1, Dl4jRuntime.blasThreads());
            int cores = Runtime.getRuntime().availableProcessors();
            assertEquals(1, Dl4jRuntime.useThreads(cores));
            assertEquals(cores, Dl4jRuntime.threads());
            assertEquals(cores, Dl4jRuntime.blasThreads());
        } finally {
            Dl4jRuntime.useThreads(original);
        }
    }

    @Test
    void theThreadCountDoesNotChangeResults() {
        int original = Dl4jRuntime.threads();
        try {
            INDArray a = Nd4j.rand(DataType.FLOAT, 64, 784);
            INDArray b = Nd4j.rand(DataType.FLOAT, 784, 64);
            Dl4jRuntime.useThreads(1);
            INDArray one = a.mmul(b);
            Dl4jRuntime.useThreads(Runtime.getRuntime().availableProcessors());
            INDArray all = a.mmul(b);
            assertTrue(one.equalsWithEps(all, 1e-3), "same product on 1 and all threads");
        } finally {
            Dl4jRuntime.useThreads(original);
        }
    }

    @Test
    void useThreadsRejectsCountsOutsideOneToTheProcessors() {
        int cores = Runtime.getRuntime().availableProcessors();
        for (int bad : new int[]{0, -1, cores + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dl4jRuntime.useThreads(bad));
            assertTrue(e.getMessage().contains("threads") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }

    private static LayerHelper helper(MultiLayerNetwork net, int layer) {
        return net.getLayer(layer).getHelper();
    }
}
