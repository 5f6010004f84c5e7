package dlnb.train;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulesTest {
    private static final double EPS = 1e-12;

    /** Smith's CIFAR-10 example: base 0.001, max 0.006, step size 2000. Hand-computed values. */
    @Test
    void triangularAtCycleBoundariesAndMidpoints() {
        CyclicalSchedule s = CyclicalSchedule.triangular(0.001, 0.006, 2000);
        assertEquals(0.001, s.valueAt(0, 0), EPS);      // cycle 1, x = 1
        assertEquals(0.0035, s.valueAt(1000, 0), EPS);  // x = 0.5
        assertEquals(0.006, s.valueAt(2000, 0), EPS);   // x = 0: the peak
        assertEquals(0.0035, s.valueAt(3000, 0), EPS);
        assertEquals(0.001, s.valueAt(4000, 0), EPS);   // cycle 2 starts, x = 1
        assertEquals(0.0035, s.valueAt(5000, 0), EPS);
        assertEquals(0.006, s.valueAt(6000, 0), EPS);   // 3 stepsize: second peak, full height
        assertEquals(0.001 + 0.005 * 0.25, s.valueAt(500, 0), EPS); // x = 0.75
        assertEquals(1, s.cycle(3999));
        assertEquals(2, s.cycle(4000));
    }

    @Test
    void triangular2HalvesTheAmplitudeEachCycle() {
        CyclicalSchedule s = CyclicalSchedule.triangular2(0.001, 0.006, 2000);
        assertEquals(0.001, s.valueAt(0, 0), EPS);
        assertEquals(0.0035, s.valueAt(1000, 0), EPS);
        assertEquals(0.006, s.valueAt(2000, 0), EPS);
        assertEquals(0.001, s.valueAt(4000, 0), EPS);
        assertEquals(0.001 + 0.005 * 0.5 * 0.5, s.valueAt(5000, 0), EPS); // cycle 2, x = 0.5, scale 1/2
        assertEquals(0.0035, s.valueAt(6000, 0), EPS);                     // peak of cycle 2: half height
        assertEquals(0.001 + 0.005 / 4, s.valueAt(10000, 0), EPS);          // peak of cycle 3: a quarter
    }

    @Test
    void expRangeScalesByGammaToTheIteration() {
        double gamma = 0.99994;
        CyclicalSchedule s = CyclicalSchedule.expRange(0.001, 0.006, 2000, gamma);
        assertEquals(0.001, s.valueAt(0, 0), EPS);
        assertEquals(0.001 + 0.005 * 0.5 * Math.pow(gamma, 1000), s.valueAt(1000, 0), EPS);
        assertEquals(0.001 + 0.005 * Math.pow(gamma, 2000), s.valueAt(2000, 0), EPS);
        assertEquals(0.001 + 0.005 * Math.pow(gamma, 6000), s.valueAt(6000, 0), EPS);
        assertEquals(0.001, s.valueAt(4000, 0), EPS);
    }

    @Test
    void scheduleIgnoresTheEpoch() {
        CyclicalSchedule s = CyclicalSchedule.triangular(0.1, 1, 10);
        assertEquals(s.valueAt(5, 0), s.valueAt(5, 7), EPS);
    }

    @Test
    void rangeTestRisesExponentiallyFromStartToEnd() {
        RangeTestSchedule s = new RangeTestSchedule(1e-5, 10, 601);
        assertEquals(1e-5, s.valueAt(0, 0), 1e-18);
        assertEquals(1e-3, s.valueAt(200, 0), 1e-15);  // two of six decades
        assertEquals(1e-2, s.valueAt(300, 0), 1e-14);  // half way on a log scale
        assertEquals(10, s.valueAt(600, 0), 1e-10);
        assertEquals(10, s.valueAt(1000, 0), 1e-10, "stays at the end value");
        assertEquals(s.valueAt(1, 0) / s.valueAt(0, 0), s.valueAt(501, 0) / s.valueAt(500, 0), 1e-9, "constant ratio");
    }

    @Test
    void argumentErrorsNameTheParameter() {
        assertMessage("max must be greater than base", () -> CyclicalSchedule.triangular(0.01, 0.001, 10));
        assertMessage("stepSize", () -> CyclicalSchedule.triangular(0.001, 0.01, 0));
        assertMessage("base", () -> CyclicalSchedule.triangular(-1, 0.01, 10));
        assertMessage("gamma", () -> CyclicalSchedule.expRange(0.001, 0.01, 10, 1.5));
        assertMessage("gamma", () -> CyclicalSchedule.expRange(0.001, 0.01, 10, 0));
        assertMessage("gamma is only used by EXP_RANGE", () -> new CyclicalSchedule(CyclicalSchedule.Policy.TRIANGULAR, 0.001, 0.01, 10, 0.9));
        assertMessage("policy", () -> new CyclicalSchedule(null, 0.001, 0.01, 10, 1));
        assertMessage("iteration", () -> CyclicalSchedule.triangular(0.001, 0.01, 10).valueAt(-1, 0));
        assertMessage("start", () -> new RangeTestSchedule(0, 1, 10));
        assertMessage("end", () -> new RangeTestSchedule(1e-5, Double.NaN, 10));
        assertMessage("iterations", () -> new RangeTestSchedule(1e-5, 1, 1));
    }

    @Test
    void cloneIsAnEqualCopy() {
        ISchedule s = CyclicalSchedule.expRange(0.001, 0.006, 2000, 0.999);
        ISchedule c = s.clone();
        assertNotSame(s, c);
        assertEquals(s, c);
        assertEquals(new RangeTestSchedule(1e-5, 1, 100), new RangeTestSchedule(1e-5, 1, 100).clone());
    }

    /** DL4J saves configurations as JSON; a schedule must survive the round trip like the built-in ones. */
    @Test
    void networkConfigurationsWithTheseSchedulesRoundTripThroughJson() {
        ISchedule cyclical = CyclicalSchedule.triangular2(0.001, 0.006, 50);
        ISchedule range = new RangeTestSchedule(1e-6, 3, 200);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Nesterovs(cyclical, 0.9)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).updater(new Sgd(range))
                        .nIn(3).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        String json = conf.toJson();
        assertTrue(json.contains("CyclicalSchedule") && json.contains("RangeTestSchedule"), json);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        Nesterovs nesterovs = (Nesterovs) ((BaseLayer) back.getConf(0).getLayer()).getIUpdater();
        assertEquals(cyclical, nesterovs.getLearningRateSchedule());
        Sgd sgd = (Sgd) ((BaseLayer) back.getConf(1).getLayer()).getIUpdater();
        assertEquals(range, sgd.getLearningRateSchedule());
        assertEquals(range.valueAt(100, 0), sgd.getLearningRate(100, 0), 1e-15);
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message \"" + e.getMessage() + "\" should contain \"" + expected + "\"");
    }
}
