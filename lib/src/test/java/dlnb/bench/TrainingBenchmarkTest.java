package dlnb.bench;

import dlnb.data.ImageSet;
import dlnb.runtime.Dl4jRuntime;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingBenchmarkTest {
    private static ImageSet noise(int n) {
        Random r = new Random(3);
        byte[] pixels = new byte[n * 28 * 28];
        r.nextBytes(pixels);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        return new ImageSet("noise", 28, 28, pixels, labels, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
    }

    @Test
    void workloadsAreTheHomeworksAndScaleMultipliesTheirTime() {
        List<TrainingBenchmark.Workload> w = TrainingBenchmark.workloads(1);
        assertEquals(List.of("mlp train b1", "mlp train b16", "mlp train b64", "two-conv train b16", "two-conv train b64",
                "inception-small train b64", "inception-small infer b256", "pool-upsample train b100", "conv-transpose train b100",
                "unet train b100"), w.stream().map(TrainingBenchmark.Workload::name).toList());
        assertEquals(List.of(1, 16, 64, 16, 64, 64, 256, 100, 100, 100), w.stream().map(TrainingBenchmark.Workload::batch).toList());
        assertEquals(2.0, w.get(0).seconds());
        assertEquals(1.0, TrainingBenchmark.workloads(0.5).get(0).seconds());
    }

    @Test
    void rejectsANonPositiveScale() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingBenchmark.workloads(0));
        assertTrue(e.getMessage().contains("scale"), e.getMessage());
    }

    @Test
    void runReportsThroughputFromEachTimedRound() throws Exception {
        TrainingBenchmark.Workload mlp = TrainingBenchmark.workloads(0.01).get(1); // batch 16
        Map<String, Object> m = TrainingBenchmark.run(mlp, noise(300), 2, true, null, null);
        assertEquals(50_890L, m.get("parameters"));
        assertTrue(((String) m.get("path")).startsWith("DenseStep"), (String) m.get("path"));
        @SuppressWarnings("unchecked")
        Map<String, Object> dl4j = (Map<String, Object>) m.get("dl4j");
        @SuppressWarnings("unchecked")
        List<Double> steps = (List<Double>) dl4j.get("steps_per_s");
        assertEquals(2, steps.size());
        assertEquals(TrainingBenchmark.median(steps) * 16, (double) dl4j.get("median_images_per_s"), 1e-9);
        Map<String, Object> stock = TrainingBenchmark.run(mlp, noise(300), 1, false, null, null);
        assertEquals("DL4J fit", stock.get("path"));
    }

    @Test
    void summaryHasMinMedianAndMax() {
        Map<String, Object> s = TrainingBenchmark.summary(List.of(0.8, 1.2, 1.0, 0.9));
        assertEquals(0.8, s.get("min"));
        assertEquals(0.95, (double) s.get("median"), 1e-12);
        assertEquals(1.2, s.get("max"));
    }

    @Test
    void timedRunsAtLeastTheMinimumSteps() {
        int[] n = {0};
        double[] r = TrainingBenchmark.timed(() -> n[0]++, 0, 5);
        assertEquals(5, n[0]);
        assertEquals(5.0, r[0]);
    }

    @Test
    void eachWorkloadRunsOnItsOwnThreadSettingWhichIsRestoredAfterwards() throws Exception {
        // the MLP and HW3's lab net on one native thread, the larger nets on all cores
        int cores = Runtime.getRuntime().availableProcessors();
        List<TrainingBenchmark.Workload> w = TrainingBenchmark.workloads(0.01);
        assertEquals(List.of(1, 1, 1, 1, 1, cores, cores, cores, cores, cores), w.stream().map(TrainingBenchmark.Workload::threadsHere).toList());
        int before = Dl4jRuntime.threads();
        Map<String, Object> m = TrainingBenchmark.run(w.get(0), noise(300), 1, true, null, null);
        assertEquals(1, m.get("threads"));
        assertEquals(before, Dl4jRuntime.threads());
    }

    @Test
    void environmentNamesBackendAndThreads() {
        Map<String, Object> env = TrainingBenchmark.environment();
        assertTrue(((Integer) env.get("nd4j_threads")) >= 1);
        assertTrue(env.containsKey("nd4j_backend") && env.containsKey("OMP_WAIT_POLICY"));
    }
}
