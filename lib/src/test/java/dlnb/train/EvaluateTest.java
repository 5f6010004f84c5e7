package dlnb.train;

import dlnb.data.ImageBatches;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluateTest {
    @Test
    void evaluatingTwiceGivesTheSameNumbersAndChangesNoParametersOrBatchNormStatistics() {
        MultiLayerNetwork net = TinyNets.mlp(new Adam(0.05), 0);
        ImageBatches train = TinyNets.images(60, 1).batches(20).flat().shuffled("t");
        for (int i = 0; i < 3; i++) {
            net.fit(train.next()); // move batch-norm running statistics away from their initial values
        }
        INDArray params = net.params().dup();
        INDArray runningMean = net.getLayer(1).getParam("mean").dup();
        int iterations = net.getIterationCount();
        ImageBatches test = TinyNets.images(30, 2).batches(7).flat();

        Evaluate.Result first = Evaluate.on(net, test);
        Evaluate.Result second = Evaluate.on(net, test);
        assertEquals(first, second);
        assertEquals(30, first.examples());
        assertEquals(params, net.params(), "parameters unchanged");
        assertEquals(runningMean, net.getLayer(1).getParam("mean"), "batch-norm running mean unchanged");
        assertEquals(iterations, net.getIterationCount());
    }

    @Test
    void lossMatchesDl4jInferenceScoreAndAccuracyMatchesArgmaxCount() {
        MultiLayerNetwork net = TinyNets.mlp(new Adam(0.05), 1e-3);
        ImageBatches data = TinyNets.images(25, 3).batches(10).flat();
        net.fit(data.next());
        data.reset();

        double weighted = 0;
        long correct = 0;
        ImageBatches fresh = data.images().batches(10).flat().freshArrays();
        while (fresh.hasNext()) {
            DataSet ds = fresh.next();
            // DL4J's inference score: mean loss of the batch plus the (batch-independent) L2 term
            weighted += (net.score(ds, false) - net.calcRegularizationScore(true)) * ds.numExamples();
            INDArray predicted = net.output(ds.getFeatures(), false).argMax(1);
            INDArray actual = ds.getLabels().argMax(1);
            for (int i = 0; i < ds.numExamples(); i++) {
                correct += predicted.getInt(i) == actual.getInt(i) ? 1 : 0;
            }
        }
        double expectedLoss = weighted / 25 + net.calcRegularizationScore(true);
        Evaluate.Result r = Evaluate.on(net, data);
        assertTrue(net.calcRegularizationScore(true) > 0, "the L2 term is part of the comparison");
        assertEquals(expectedLoss, r.loss(), 1e-5);
        assertEquals(correct / 25.0, r.accuracy(), 1e-12);
    }

    @Test
    void otherLossesUseDl4jScoreAndGraphsWork() {
        ComputationGraph graph = TinyNets.graph(new Adam(0.05));
        ImageBatches data = TinyNets.images(12, 4).batches(12).flat();
        DataSet all = data.images().toDataSet(dlnb.data.PixelScaling.UNIT, true);
        Evaluate.Result r = Evaluate.on(graph, data);
        assertEquals(graph.score(all, false), r.loss(), 1e-5);

        MultiLayerNetwork mse = new MultiLayerNetwork(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(16).nOut(3).activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build()).build());
        mse.init();
        assertEquals(mse.score(all, false), Evaluate.on(mse, data).loss(), 1e-6);
    }

    @Test
    void argumentErrors() {
        MultiLayerNetwork net = TinyNets.mlp(new Adam(0.01), 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Evaluate.on(net, null)).getMessage().contains("data"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Evaluate.on((MultiLayerNetwork) null, TinyNets.images(3, 1).batches(3)))
                .getMessage().contains("net"));
    }
}
