package dlnb.bench;

import dlnb.Args;
import dlnb.Seeds;
import dlnb.data.FashionMnist;
import dlnb.data.ImageBatches;
import dlnb.data.ImageSet;
import dlnb.runtime.Dl4jRuntime;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Training and inference throughput of the course's three networks on FashionMNIST with this
 * machine's ND4J build: {@code java ... dlnb.bench.TrainingBenchmark [--out file] [--scale s] [--compare-threads]}.
 * Each model trains at batch 64 and predicts at batch 256 for a fixed number of iterations after a
 * warm-up (the first iterations allocate workspaces and pick kernels); {@code --scale} multiplies
 * the iteration counts. Each model runs on the native thread count that suits it (1 for the MLP, all
 * cores for the conv nets); {@code --compare-threads} also runs it on the other setting and reports
 * both under {@code by_threads}. Writes a JSON report (images/s, threads, peak RSS, backend) and prints a summary.
 */
public final class TrainingBenchmark {
    public static final int TRAIN_BATCH = 64;
    public static final int INFERENCE_BATCH = 256;

    /** A network under test: one training step and one forward pass in inference mode. */
    interface Model {
        void fit(DataSet batch);

        INDArray output(INDArray features);

        long numParams();

        static Model of(MultiLayerNetwork net) {
            return new Model() {
                public void fit(DataSet batch) { net.fit(batch); }
                public INDArray output(INDArray features) { return net.output(features, false); }
                public long numParams() { return net.numParams(); }
            };
        }

        static Model of(ComputationGraph net) {
            return new Model() {
                public void fit(DataSet batch) { net.fit(batch); }
                public INDArray output(INDArray features) { return net.output(false, features)[0]; }
                public long numParams() { return net.numParams(); }
            };
        }
    }

    /**
     * What to run for one network: its name, how it is built, flat inputs or images, iteration counts,
     * and the native threads it runs on ({@link #ALL_CORES} or a number; see {@link Dl4jRuntime#useThreads}).
     */
    record Spec(String name, java.util.function.Supplier<Model> build, boolean flat, int warmup, int trainIterations,
                int inferenceIterations, int threads) {
        /** The thread count to use on this machine. */
        int threadsHere() {
            return threads == ALL_CORES ? Runtime.getRuntime().availableProcessors() : Math.min(threads, Runtime.getRuntime().availableProcessors());
        }
    }

    /** Thread setting meaning "every available processor". */
    static final int ALL_CORES = 0;

    private TrainingBenchmark() {
    }

    static List<Spec> specs(double scale) {
        Args.positive("scale", scale);
        long seed = Seeds.get();
        return List.of(
                // ops this small cost less than waking a second thread: 1 thread trains up to 1.3x faster here
                // warm-ups long enough for the JIT to finish with DL4J's Java side (the MLP's steps take 2 ms:
                // after 50 it ran at half its steady speed, after 300 at 75-100%)
                new Spec("mlp-784-64-10", () -> Model.of(BenchModels.mlp(seed)), true, n(1500, scale), n(3000, scale), n(200, scale), 1),
                new Spec("two-conv", () -> Model.of(BenchModels.twoConv(seed)), false, n(40, scale), n(150, scale), n(30, scale), ALL_CORES),
                new Spec("inception-small", () -> Model.of(BenchModels.inceptionSmall(seed)), false, n(8, scale), n(25, scale), n(6, scale), ALL_CORES));
    }

    private static int n(int base, double scale) {
        return Math.max(2, (int) Math.round(base * scale));
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of("build/bench/training.json");
        double scale = 1;
        boolean compareThreads = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--compare-threads" -> compareThreads = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; use --out FILE, --scale S, --compare-threads");
            }
        }
        Dl4jRuntime.init();
        Seeds.set(42);
        ImageSet train = FashionMnist.train();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("created", Instant.now().toString());
        report.put("environment", environment());
        List<Map<String, Object>> models = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (Spec spec : specs(scale)) {
            Map<String, Object> m = run(spec, train);
            if (compareThreads) {
                // the same model at the other setting (1 thread vs all cores), to check the choice in specs()
                int other = spec.threadsHere() == 1 ? cores : 1;
                Map<String, Object> alternative = run(spec, train, other);
                Map<String, Object> byThreads = new LinkedHashMap<>();
                for (Map<String, Object> r : List.of(m, alternative)) {
                    byThreads.put(String.valueOf(r.get("threads")), Map.of("train_images_per_s", r.get("train_images_per_s"),
                            "inference_images_per_s", r.get("inference_images_per_s")));
                    print(r);
                }
                m.put("by_threads", byThreads);
            } else {
                print(m);
            }
            models.add(m);
        }
        report.put("models", models);
        report.put("peak_rss_mib", peakRssMib());
        Files.createDirectories(out.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
        System.out.println("peak RSS " + report.get("peak_rss_mib") + " MiB; report written to " + out);
    }

    private static void print(Map<String, Object> m) {
        System.out.println(String.format(Locale.ROOT, "%-16s %d thread(s)  train %9.1f images/s (batch %d)   inference %9.1f images/s (batch %d)",
                m.get("name"), (Integer) m.get("threads"), m.get("train_images_per_s"), TRAIN_BATCH, m.get("inference_images_per_s"), INFERENCE_BATCH));
    }

    /** Runs {@code spec} on its own thread setting. */
    static Map<String, Object> run(Spec spec, ImageSet images) {
        return run(spec, images, spec.threadsHere());
    }

    /** Runs {@code spec} on {@code threads} native threads; the previous setting is restored afterwards. */
    static Map<String, Object> run(Spec spec, ImageSet images, int threads) {
        int previous = Dl4jRuntime.useThreads(threads);
        try {
            Map<String, Object> m = measure(spec, images);
            m.put("threads", threads);
            return m;
        } finally {
            Dl4jRuntime.useThreads(previous);
        }
    }

    private static Map<String, Object> measure(Spec spec, ImageSet images) {
        Model model = spec.build().get();
        ImageBatches trainBatches = images.batches(TRAIN_BATCH).flat(spec.flat()).shuffled("benchmark order");
        for (int i = 0; i < spec.warmup(); i++) {
            model.fit(nextBatch(trainBatches));
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < spec.trainIterations(); i++) {
            model.fit(nextBatch(trainBatches));
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;

        ImageBatches inferBatches = images.batches(INFERENCE_BATCH).flat(spec.flat());
        model.output(nextBatch(inferBatches).getFeatures()); // warm-up: inference allocates its own workspaces
        long t1 = System.nanoTime();
        for (int i = 0; i < spec.inferenceIterations(); i++) {
            model.output(nextBatch(inferBatches).getFeatures());
        }
        double inferSeconds = (System.nanoTime() - t1) / 1e9;

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("parameters", model.numParams());
        m.put("train_batch", TRAIN_BATCH);
        m.put("train_warmup_iterations", spec.warmup());
        m.put("train_iterations", spec.trainIterations());
        m.put("train_seconds", trainSeconds);
        m.put("train_images_per_s", (double) spec.trainIterations() * TRAIN_BATCH / trainSeconds);
        m.put("inference_batch", INFERENCE_BATCH);
        m.put("inference_iterations", spec.inferenceIterations());
        m.put("inference_seconds", inferSeconds);
        m.put("inference_images_per_s", (double) spec.inferenceIterations() * INFERENCE_BATCH / inferSeconds);
        return m;
    }

    /** Full batches only (the epoch wraps around), so every timed step has the same size. */
    private static DataSet nextBatch(ImageBatches batches) {
        if (!batches.hasNext()) {
            batches.reset();
        }
        DataSet ds = batches.next();
        if (ds.numExamples() < batches.batch()) {
            batches.reset();
            ds = batches.next();
        }
        return ds;
    }

    static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        Properties nd4j = Nd4j.getExecutioner().getEnvironmentInformation();
        env.put("nd4j", Dl4jRuntime.describe());
        env.put("nd4j_backend", String.valueOf(nd4j.getOrDefault("backend", "unknown")));
        env.put("blas_vendor", String.valueOf(nd4j.getOrDefault("blas.vendor", "unknown")));
        env.put("nd4j_classifier", System.getProperty("nd4j.classifier", "unknown"));
        env.put("onednn_in_build", Dl4jRuntime.oneDnnInBuild());
        env.put("onednn_helpers_active", Dl4jRuntime.helpersActive());
        env.put("nd4j_threads", Dl4jRuntime.threads()); // default; each model's own setting is its "threads"
        env.put("available_processors", Runtime.getRuntime().availableProcessors());
        env.put("OMP_NUM_THREADS", System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"));
        for (String variable : List.of("OMP_WAIT_POLICY", "MALLOC_ARENA_MAX", "MALLOC_MMAP_MAX_", "MALLOC_TRIM_THRESHOLD_")) {
            env.put(variable, System.getenv().getOrDefault(variable, "(unset)")); // the kernel's native settings (lib/bin/common.sh)
        }
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        return env;
    }

    /** Peak resident set of this process in MiB (Linux /proc), or -1 where unknown. */
    static long peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: report unknown
        }
        return -1;
    }
}
