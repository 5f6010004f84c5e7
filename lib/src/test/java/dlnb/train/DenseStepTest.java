package dlnb.train;

import dlnb.runtime.Dl4jRuntime;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DenseStepTest {
    @BeforeAll
    static void runtime() {
        Dl4jRuntime.init();
    }

    private static MultiLayerNetwork mlp(IUpdater updater, Activation hidden, int... sizes) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(11).updater(updater)
                .weightInit(WeightInit.RELU).list();
        for (int l = 1; l < sizes.length - 1; l++) {
            b.layer(new DenseLayer.Builder().nOut(sizes[l]).activation(hidden).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(sizes[sizes.length - 1]).activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(InputType.feedForward(sizes[0])).build());
        net.init();
        return net;
    }

    /**
     * Image-like inputs: a third of the features exactly zero (like FashionMNIST's background), one-hot labels;
     * features of even-sized batches are packed arrays, of odd-sized ones views.
     */
    private static DataSet batch(Random r, int rows, int in, int classes) {
        float[] x = new float[rows * in];
        for (int k = 0; k < x.length; k++) {
            x[k] = k % 3 == 0 ? 0f : r.nextFloat();
        }
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, classes);
        for (int i = 0; i < rows; i++) {
            y.putScalar(i, r.nextInt(classes), 1f);
        }
        INDArray features = Nd4j.createFromArray(x).reshape(rows, in); // a view: DenseStep copies it
        return new DataSet(rows % 2 == 0 ? features.dup('c') : features, y); // packed: OpenBLAS reads it in place
    }

    /** Trains a stock copy with net.fit and the other with DenseStep on the same batches; returns the largest parameter difference. */
    private static double trainSideBySide(Supplier<MultiLayerNetwork> build, int rows, int steps) {
        return trainSideBySide(build, new int[]{rows}, steps);
    }

    /** The same, step s on a batch of {@code rows[s % rows.length]} rows. */
    private static double trainSideBySide(Supplier<MultiLayerNetwork> build, int[] rows, int steps) {
        MultiLayerNetwork stock = build.get();
        MultiLayerNetwork fast = build.get();
        assertEquals(stock.params(), fast.params());
        DenseStep step = DenseStep.of(fast);
        int in = (int) stock.layerInputSize(0);
        int classes = (int) stock.getOutputLayer().getParam("b").length();
        Random r = new Random(5);
        for (int s = 0; s < steps; s++) {
            DataSet b = batch(r, rows[s % rows.length], in, classes);
            stock.fit(b);
            step.fit(b);
            assertEquals(stock.score(), step.score(), 1e-5 * Math.max(1, stock.score()), "score at step " + s);
            assertEquals(stock.score(), fast.score(), 1e-5 * Math.max(1, stock.score()));
        }
        step.sync();
        assertEquals(stock.getIterationCount(), fast.getIterationCount());
        INDArray stateDiff = stock.getUpdater().getStateViewArray() == null ? null
                : stock.getUpdater().getStateViewArray().sub(fast.getUpdater().getStateViewArray());
        if (stateDiff != null) {
            assertTrue(stateDiff.amaxNumber().doubleValue() < 1e-5, "updater state differs by " + stateDiff.amaxNumber());
        }
        return stock.params().sub(fast.params()).amaxNumber().doubleValue();
    }

    @Test
    void nesterovsMlpTrainsLikeStockDl4jAtBatchOneAndSixteen() {
        for (int rows : new int[]{1, 16, 5}) {
            double d = trainSideBySide(() -> mlp(new Nesterovs(0.05, 0.9), Activation.RELU, 40, 16, 10), rows, 30);
            assertTrue(d < 2e-6, "batch " + rows + ": parameters differ by " + d);
        }
    }

    @Test
    void theHomeworksMlpTrainsLikeStockDl4jWhenSingleRowsAndBlasBatchesAlternate() {
        // one row runs the Java loops, two or more OpenBLAS: each must see the weights the other updated
        double d = trainSideBySide(() -> mlp(new Nesterovs(0.01, 0.9), Activation.RELU, 784, 64, 10), new int[]{64, 1, 1, 2, 64, 16}, 24);
        assertTrue(d < 2e-6, "parameters differ by " + d);
    }

    @Test
    void momentumDecayingIntoSubnormalsIsFlushedToZero() {
        // Input 0 is always zero (12 inputs, every third feature zero), so its weights' momentum only decays:
        // from 2e-38 it is subnormal (< 1.18e-38) after 5 steps, and the flush at iteration 16 zeroes it.
        MultiLayerNetwork stock = mlp(new Nesterovs(0.05, 0.9), Activation.RELU, 12, 5, 3);
        MultiLayerNetwork fast = mlp(new Nesterovs(0.05, 0.9), Activation.RELU, 12, 5, 3);
        for (MultiLayerNetwork net : List.of(stock, fast)) {
            for (int j = 0; j < 5; j++) {
                net.getUpdater().getStateViewArray().putScalar(j * 12, 2e-38f); // W[0, j], column-major
            }
        }
        DenseStep step = DenseStep.of(fast);
        Random r = new Random(8);
        for (int s = 0; s < 17; s++) {
            DataSet b = batch(r, 4, 12, 3);
            stock.fit(b);
            step.fit(b);
        }
        step.sync();
        for (int j = 0; j < 5; j++) {
            float dl4j = stock.getUpdater().getStateViewArray().getFloat(j * 12);
            assertTrue(dl4j != 0f && Math.abs(dl4j) < Float.MIN_NORMAL, "stock DL4J keeps a subnormal: " + dl4j);
            assertEquals(0f, fast.getUpdater().getStateViewArray().getFloat(j * 12));
        }
        assertTrue(stock.params().sub(fast.params()).amaxNumber().doubleValue() < 2e-6);
    }

    @Test
    void adamAndSgdWithAScheduleTrainLikeStockDl4j() {
        double adam = trainSideBySide(() -> mlp(new Adam(3e-3), Activation.RELU, 30, 12, 8, 4), 8, 25);
        assertTrue(adam < 1e-5, "Adam: parameters differ by " + adam);
        var schedule = new ExponentialSchedule(ScheduleType.ITERATION, 0.2, 0.95);
        double sgd = trainSideBySide(() -> mlp(new Sgd(schedule), Activation.TANH, 20, 9, 3), 4, 25);
        assertTrue(sgd < 2e-6, "SGD: parameters differ by " + sgd);
        double sigmoid = trainSideBySide(() -> mlp(new Nesterovs(0.1, 0.8), Activation.SIGMOID, 20, 7, 3), 3, 25);
        assertTrue(sigmoid < 2e-6, "sigmoid: parameters differ by " + sigmoid);
    }

    @Test
    void aSeparateBiasUpdaterKeepsItsOwnStateBlock() {
        Supplier<MultiLayerNetwork> build = () -> {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-2))
                    .biasUpdater(new Nesterovs(0.02, 0.5)).weightInit(WeightInit.XAVIER).list()
                    .layer(new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(3).activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.feedForward(10)).build());
            net.init();
            return net;
        };
        double d = trainSideBySide(build, 4, 20);
        assertTrue(d < 1e-5, "parameters differ by " + d);
    }

    @Test
    void syncIsNeededBeforeReadingTheNetworkAndLoadDropsUnsyncedSteps() {
        MultiLayerNetwork net = mlp(new Nesterovs(0.05, 0.9), Activation.RELU, 12, 5, 3);
        INDArray before = net.params().dup();
        DenseStep step = DenseStep.of(net);
        step.fit(batch(new Random(1), 4, 12, 3));
        assertEquals(before, net.params()); // not yet written back
        step.sync();
        assertFalse(before.equals(net.params()));
        INDArray after = net.params().dup();
        step.fit(batch(new Random(2), 4, 12, 3));
        step.load();
        step.sync();
        assertEquals(after, net.params());
    }

    @Test
    void unsupportedNetworksAreNamedWithTheReason() {
        MultiLayerNetwork dropout = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nOut(4).activation(Activation.RELU).dropOut(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(3)).build());
        dropout.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DenseStep.of(dropout));
        assertTrue(e.getMessage().contains("dropout") && e.getMessage().contains("net.fit"), e.getMessage());

        MultiLayerNetwork l2 = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().updater(new Sgd(0.1)).l2(1e-4).list()
                .layer(new DenseLayer.Builder().nOut(4).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(3)).build());
        l2.init();
        assertTrue(DenseStep.unsupported(l2).contains("regularisation"), DenseStep.unsupported(l2));

        MultiLayerNetwork mse = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nOut(4).activation(Activation.RELU).build())
                .layer(new DropoutLayer.Builder(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).activation(Activation.IDENTITY).build())
                .setInputType(InputType.feedForward(3)).build());
        mse.init();
        assertFalse(DenseStep.supports(mse));

        MultiLayerNetwork listened = mlp(new Sgd(0.1), Activation.RELU, 3, 4, 2);
        listened.setListeners(new ScoreIterationListener(1));
        assertTrue(DenseStep.unsupported(listened).contains("listeners"));
        assertTrue(DenseStep.supports(mlp(new Sgd(0.1), Activation.RELU, 3, 4, 2)));
    }

    @Test
    void badBatchesGetAClearMessage() {
        DenseStep step = DenseStep.of(mlp(new Sgd(0.1), Activation.RELU, 6, 4, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> step.fit(new DataSet(Nd4j.zeros(DataType.FLOAT, 2, 5), Nd4j.zeros(DataType.FLOAT, 2, 3))));
        assertTrue(e.getMessage().contains("[batch, 6]"), e.getMessage());
    }
}
