package dlnb.train;

import dlnb.Seeds;
import dlnb.data.ImageBatches;
import dlnb.data.ImageSet;
import dlnb.plot.Charts;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import tech.tablesaw.api.Table;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private final ImageSet train = TinyNets.images(60, 1);
    private final ImageSet test = TinyNets.images(30, 2);

    @Test
    void recordsEveryIterationWithTheScheduledRateAndEveryEpochWithEvaluations() {
        Seeds.set(5);
        CyclicalSchedule schedule = CyclicalSchedule.triangular(0.01, 0.1, 4);
        MultiLayerNetwork net = TinyNets.mlp(new Sgd(schedule), 0);
        History h = Trainer.of(net).epochs(3).name("tiny").validation(test.batches(10).flat())
                .trainEvaluation(train.batches(30).flat()).fit(train.batches(20).flat().shuffled("order"));

        assertEquals(9, h.steps().size(), "3 epochs of 3 batches");
        for (History.Step s : h.steps()) {
            assertEquals(schedule.valueAt(s.iteration(), 0), s.learningRate(), 1e-9, "iteration " + s.iteration());
            assertEquals(s.iteration() / 3, s.epoch());
            assertTrue(Double.isFinite(s.loss()));
        }
        assertEquals(3, h.epochs().size());
        assertEquals(3, net.getEpochCount(), "epochs counted for epoch-based schedules");
        History.Epoch last = h.lastEpoch().orElseThrow();
        assertEquals(Evaluate.on(net, test.batches(10).flat()).accuracy(), last.validationAccuracy(), 1e-12);
        assertEquals(Evaluate.on(net, train.batches(30).flat()).loss(), last.trainLoss(), 1e-9);
        double mean = h.steps().subList(6, 9).stream().mapToDouble(History.Step::loss).average().orElseThrow();
        assertEquals(mean, last.meanBatchLoss(), 1e-12);
        assertFalse(h.diverged());
        assertEquals("completed 3 epochs", h.stopReason());
        assertTrue(last.validationAccuracy() > 0.6, "the tiny problem is learnable: " + last);
    }

    /** 16-8-3 MLP without batch norm (TinyNets.mlp has one), which DenseStep supports. */
    private static MultiLayerNetwork denseMlp(org.nd4j.linalg.learning.config.IUpdater updater) {
        MultiLayerNetwork net = new MultiLayerNetwork(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(12).updater(updater).list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(8).activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT)
                        .nOut(3).activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.feedForward(16)).build());
        net.init();
        return net;
    }

    @Test
    void denseNetsTrainThroughDenseStepWithTheSameHistoryAndParametersAsDl4jFit() {
        Seeds.set(5);
        CyclicalSchedule schedule = CyclicalSchedule.triangular(0.01, 0.1, 4);
        MultiLayerNetwork fast = denseMlp(new Nesterovs(schedule, 0.9));
        MultiLayerNetwork stock = denseMlp(new Nesterovs(schedule, 0.9));
        assertTrue(Trainer.of(fast).trainingPath().startsWith("DenseStep"), Trainer.of(fast).trainingPath());
        assertEquals("DL4J fit", Trainer.of(stock).fastPath(false).trainingPath());
        assertEquals("DL4J fit", Trainer.of(TinyNets.mlp(new Sgd(0.1), 0)).trainingPath(), "batch norm is not supported: stock path");
        int threads = dlnb.runtime.Dl4jRuntime.threads();
        History f = Trainer.of(fast).epochs(4).validation(test.batches(10).flat()).fit(train.batches(8).flat().shuffled("order"));
        assertEquals(threads, dlnb.runtime.Dl4jRuntime.threads(), "DenseStep runs on one thread, then the previous count is back");
        Seeds.set(5);
        History s = Trainer.of(stock).fastPath(false).epochs(4).validation(test.batches(10).flat()).fit(train.batches(8).flat().shuffled("order"));
        assertEquals(s.steps().size(), f.steps().size());
        for (int i = 0; i < s.steps().size(); i++) {
            assertEquals(s.steps().get(i).loss(), f.steps().get(i).loss(), 1e-5, "loss at step " + i);
            assertEquals(s.steps().get(i).learningRate(), f.steps().get(i).learningRate(), 1e-12);
        }
        assertEquals(s.lastEpoch().orElseThrow().validationLoss(), f.lastEpoch().orElseThrow().validationLoss(), 1e-5);
        assertTrue(stock.params().sub(fast.params()).amaxNumber().doubleValue() < 1e-5, "parameters written back after fit");
        assertEquals(stock.getIterationCount(), fast.getIterationCount());
        // a second run continues from where the first left the parameters and momentum
        Trainer.of(fast).iterations(5).fit(train.batches(8).flat());
        Trainer.of(stock).fastPath(false).iterations(5).fit(train.batches(8).flat());
        assertTrue(stock.params().sub(fast.params()).amaxNumber().doubleValue() < 1e-5);
    }

    @Test
    void divergingLossStopsTheRunKeepsTheHistoryAndSaysWhere() {
        MultiLayerNetwork net = TinyNets.mlp(new Sgd(new RangeTestSchedule(1e-3, 1e12, 30)), 0);
        History h = Trainer.of(net).iterations(30).name("range test").validation(test.batches(10).flat())
                .fit(train.batches(10).flat().shuffled("order"));
        assertTrue(h.diverged(), h.stopReason());
        History.Step at = h.divergence().orElseThrow();
        assertEquals(at, h.steps().get(h.steps().size() - 1), "the diverging step is the last one recorded");
        assertFalse(Double.isFinite(at.loss()));
        assertTrue(h.steps().size() < 30);
        assertTrue(h.stopReason().startsWith("diverged at iteration " + at.iteration()), h.stopReason());
        assertTrue(h.epochs().size() < 5, "the diverged epoch is not evaluated");
    }

    @Test
    void quietRunsPrintNothingAndRecordTheSameHistory() {
        java.io.PrintStream out = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        History loud;
        History quiet;
        try {
            System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            Seeds.set(5);
            quiet = Trainer.of(TinyNets.mlp(new Sgd(new RangeTestSchedule(1e-3, 1e12, 30)), 0)).quiet().iterations(30)
                    .fit(train.batches(10).flat().shuffled("order"));
        } finally {
            System.setOut(out);
        }
        assertEquals("", printed.toString(java.nio.charset.StandardCharsets.UTF_8), "no progress line, no divergence line");
        Seeds.set(5);
        loud = Trainer.of(TinyNets.mlp(new Sgd(new RangeTestSchedule(1e-3, 1e12, 30)), 0)).iterations(30)
                .fit(train.batches(10).flat().shuffled("order"));
        assertTrue(quiet.diverged());
        assertEquals(loud.stopReason(), quiet.stopReason());
        assertArrayEquals(loud.losses(), quiet.losses());
    }

    @Test
    void divergenceFactorStopsOnAFiniteBlowUp() {
        MultiLayerNetwork net = TinyNets.mlp(new Sgd(new RangeTestSchedule(1e-3, 1e3, 40)), 0);
        History h = Trainer.of(net).iterations(40).divergenceFactor(1.5).fit(train.batches(10).flat().shuffled("order"));
        assertTrue(h.diverged(), h.stopReason());
        History.Step at = h.divergence().orElseThrow();
        double lowest = h.steps().stream().limit(h.steps().size() - 1).mapToDouble(History.Step::loss).min().orElseThrow();
        assertTrue(!Double.isFinite(at.loss()) || at.loss() > 1.5 * lowest, h.stopReason());
    }

    @Test
    void iterationLimitSpansEpochsAndGraphsTrainToo() {
        ComputationGraph graph = TinyNets.graph(new Adam(0.02));
        History h = Trainer.of(graph).iterations(7).fit(train.batches(20).flat());
        assertEquals(7, h.steps().size());
        assertEquals(3, h.epochs().size(), "two full epochs and the partial third");
        assertEquals(0.02, h.steps().get(0).learningRate(), 1e-12);
        assertEquals("stopped at the iteration limit (7)", h.stopReason());
    }

    @Test
    void tablesAndChartsShowTheRecords() {
        MultiLayerNetwork net = TinyNets.mlp(new Sgd(new RangeTestSchedule(1e-3, 1, 12)), 0);
        History h = Trainer.of(net).epochs(2).name("run").validation(test.batches(30).flat()).fit(train.batches(10).flat());
        Table steps = h.stepTable();
        assertEquals(12, steps.rowCount());
        assertEquals(List.of("iteration", "epoch", "learning_rate", "loss"), steps.columnNames());
        assertEquals(2, h.epochTable().rowCount());
        assertTrue(h.epochTable().doubleColumn("train_accuracy").isMissing(0), "no training evaluation: missing");
        assertEquals(h.epochs().get(1).validationAccuracy(), h.epochTable().doubleColumn("validation_accuracy").get(1), 1e-12);

        XYChart lossVsLr = h.lossVsLearningRateChart().chart();
        assertTrue(lossVsLr.getStyler().isXAxisLogarithmic());
        assertEquals(1, lossVsLr.getSeriesMap().size());
        XYChart accuracy = h.accuracyChart().chart();
        assertEquals(List.of("validation"), List.copyOf(accuracy.getSeriesMap().keySet()), "unmeasured training accuracy is left out");
        XYChart both = History.lossChart(h, h).chart();
        assertEquals(List.of("run", "run (2)"), List.copyOf(both.getSeriesMap().keySet()), "runs with the same name get distinct series");
        XYChart one = h.lossChart().chart();
        assertEquals(List.of("batch loss", "validation loss (end of epoch)"), List.copyOf(one.getSeriesMap().keySet()));
        assertArrayEquals(new double[]{6, 12}, one.getSeriesMap().get("validation loss (end of epoch)").getXData(), 0,
                "end-of-epoch losses sit at the iteration count that ends each epoch");
        for (XYChart c : List.of(lossVsLr, accuracy, one, h.learningRateChart().chart())) {
            assertTrue(Charts.png(c).length > 1000, "renders: " + c.getTitle());
        }
    }

    @Test
    void evaluateEveryRecordsChecksOnTheGivenIterations() {
        MultiLayerNetwork net = TinyNets.mlp(new Sgd(new RangeTestSchedule(1e-3, 1, 12)), 0);
        History h = Trainer.of(net).iterations(12).evaluateEvery(5, test.batches(30).flat()).fit(train.batches(10).flat());
        assertEquals(List.of(5, 10), h.checks().stream().map(History.Check::iterations).toList());
        assertEquals(h.steps().get(4).learningRate(), h.checks().get(0).learningRate(), 0, "the rate of the step just taken");
        assertTrue(h.checks().stream().allMatch(c -> c.accuracy() >= 0 && c.accuracy() <= 1 && Double.isFinite(c.loss())));
    }

    /** The real images through a small conv net: shapes fit DL4J's convolution layers, and the curves go to PNG. */
    @Test
    void fashionMnistSubsetTrainsASmallConvNet() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of(dlnb.data.FashionMnist.DEBIAN_DIR)),
                "skipped: FashionMNIST is not installed");
        Seeds.set(1);
        ImageSet small = dlnb.data.FashionMnist.train().stratified(20, "conv test");
        var conf = new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(1)
                .updater(new org.nd4j.linalg.learning.config.Nesterovs(new RangeTestSchedule(1e-4, 10, 40), 0.9)).list()
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(5, 5).nOut(4)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder().kernelSize(2, 2).stride(2, 2).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT)
                        .nOut(10).activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(28, 28, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        dlnb.data.PixelScaling scaling = dlnb.data.PixelScaling.standardise(small);
        History h = Trainer.of(net).iterations(40).name("conv range test")
                .fit(small.batches(20).scaling(scaling).shuffled("order"));
        assertTrue(h.steps().size() >= 10, h.toString());
        assertTrue(h.steps().get(0).loss() > 1.5 && h.steps().get(0).loss() < 4, "about ln 10 at the start: " + h.steps().get(0));
        java.nio.file.Path out = java.nio.file.Path.of("target", "charts");
        java.nio.file.Files.createDirectories(out);
        java.nio.file.Files.write(out.resolve("conv-range-test.png"), Charts.png(Charts.row(List.of(h.lossVsLearningRateChart().chart(), h.lossChart().chart()))));
    }

    @Test
    void argumentErrors() {
        MultiLayerNetwork net = TinyNets.mlp(new Adam(0.01), 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Trainer.of(net).epochs(0)).getMessage().contains("epochs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Trainer.of(net).iterations(-1)).getMessage().contains("iterations"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Trainer.of(net).divergenceFactor(1)).getMessage().contains("factor"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Trainer.of(net).fit(null)).getMessage().contains("train"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Trainer.of((MultiLayerNetwork) null)).getMessage().contains("net"));
    }
}
