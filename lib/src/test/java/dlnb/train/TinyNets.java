package dlnb.train;

import dlnb.data.ImageSet;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.Random;

/** Tiny data and networks so training tests take well under a second. */
final class TinyNets {
    private TinyNets() {
    }

    /** n noisy 4x4 images of 3 classes: class c is bright in row c. */
    static ImageSet images(int n, long seed) {
        Random r = new Random(seed);
        byte[] pixels = new byte[n * 16];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int p = 0; p < 16; p++) {
                int v = (p / 4 == labels[i] ? 180 : 40) + r.nextInt(60);
                pixels[i * 16 + p] = (byte) v;
            }
        }
        return new ImageSet("tiny", 4, 4, pixels, labels, List.of("a", "b", "c"));
    }

    /** Dense, batch norm, softmax output over flat 16-pixel inputs; optional L2 so the score has a regularisation term. */
    static MultiLayerNetwork mlp(IUpdater updater, double l2) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(12).updater(updater).l2(l2).list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(16)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static ComputationGraph graph(IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(12).updater(updater).graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build(), "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "hidden")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build(), "bn")
                .setOutputs("out").setInputTypes(InputType.feedForward(16)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }
}
