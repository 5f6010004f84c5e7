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
    void scaleMultipliesIterationCountsButKeepsAtLeastTwo() {
        List<TrainingBenchmark.Spec> full = TrainingBenchmark.specs(1);
        List<TrainingBenchmark.Spec> half = TrainingBenchmark.specs(0.5);
        assertEquals(List.of("mlp-784-64-10", "two-conv", "inception-small"), full.stream().map(TrainingBenchmark.Spec::name).toList());
        assertEquals(1500, half.get(0).trainIterations());
        assertEquals(3000, full.get(0).trainIterations());
        assertEquals(750, half.get(0).warmup());
        assertTrue(TrainingBenchmark.specs(1e-6).stream().allMatch(s -> s.trainIterations() == 2 && s.inferenceIterations() == 2));
    }

    @Test
    void rejectsANonPositiveScale() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingBenchmark.specs(0));
        assertTrue(e.getMessage().contains("scale"), e.getMessage());
    }

    @Test
    void runReportsThroughputFromTheTimedIterations() {
        TrainingBenchmark.Spec mlp = TrainingBenchmark.specs(0.01).get(0);
        Map<String, Object> m = TrainingBenchmark.run(mlp, noise(300)); // 300 < 256 + 64: batches wrap around
        assertEquals(50_890L, m.get("parameters"));
        double seconds = (double) m.get("train_seconds");
        assertEquals(mlp.trainIterations() * 64 / seconds, (double) m.get("train_images_per_s"), 1e-9);
        assertTrue((double) m.get("inference_images_per_s") > 0);
    }

    @Test
    void eachModelRunsOnItsOwnThreadSettingWhichIsRestoredAfterwards() {
        int cores = Runtime.getRuntime().availableProcessors();
        List<TrainingBenchmark.Spec> specs = TrainingBenchmark.specs(0.01);
        assertEquals(List.of(1, cores, cores), specs.stream().map(TrainingBenchmark.Spec::threadsHere).toList());
        int before = Dl4jRuntime.threads();
        Map<String, Object> m = TrainingBenchmark.run(specs.get(0), noise(300));
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
