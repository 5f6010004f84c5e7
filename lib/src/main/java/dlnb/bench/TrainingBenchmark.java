package dlnb.bench;

import dlnb.Args;
import dlnb.Seeds;
import dlnb.data.Cifar10;
import dlnb.data.ColourImages;
import dlnb.data.Colourization;
import dlnb.data.FashionMnist;
import dlnb.data.Palette;
import dlnb.data.SyntheticCifar;
import dlnb.data.ImageBatches;
import dlnb.data.ImageSet;
import dlnb.runtime.Dl4jRuntime;
import dlnb.train.DenseStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Training and inference throughput of the homework's networks on FashionMNIST with this machine's ND4J
 * build, optionally side by side with PyTorch:
 * {@code java ... dlnb.bench.TrainingBenchmark [--out file] [--scale s] [--rounds n] [--stock] [--only name,...] [--vs-pytorch python]}.
 *
 * <p>Each {@link Workload} (a network, training or inference, a batch size) cycles over a fixed pool of
 * full batches, built before timing on both sides, for a fixed time ({@code --scale} multiplies it) after a
 * warm-up. Training runs what the notebooks run: {@link DenseStep} for the MLP (through
 * {@link dlnb.train.Trainer}), {@code fit} for the rest; {@code --stock} times DL4J's own {@code fit}
 * everywhere (the "before" figures). With {@code --vs-pytorch}, a PyTorch worker
 * ({@code lib/bin/torch_reference.py}) builds the same network on the same batches and the two are timed in
 * alternation, A B A B, for {@code --rounds} rounds (3 by default); the report has each round's ratio
 * (DL4J / PyTorch throughput) with its min, median and max. Writes JSON and prints a table.
 */
public final class TrainingBenchmark {
    /** Images in a workload's batch pool (fewer for small batches: at most 512 batches). */
    static final int POOL_IMAGES = 8192;

    enum Mode { TRAIN, INFERENCE }

    /** A network under test: one training step and one forward pass in inference mode. */
    public interface Model {
        void fit(DataSet batch);

        INDArray output(INDArray features);

        long numParams();

        /** How {@link #fit} trains ("DenseStep" or "DL4J fit"). */
        String path();

        /** DL4J's {@code fit}, or {@link DenseStep} where it supports the network and {@code fast} is set. */
        static Model of(MultiLayerNetwork net, boolean fast) {
            DenseStep step = fast && DenseStep.supports(net) ? DenseStep.of(net) : null;
            return new Model() {
                public void fit(DataSet batch) {
                    if (step != null) {
                        step.fit(batch);
                    } else {
                        net.fit(batch);
                    }
                }

                public INDArray output(INDArray features) {
                    if (step != null) {
                        step.sync();
                    }
                    return net.output(features, false);
                }

                public long numParams() { return net.numParams(); }

                public String path() { return step != null ? "DenseStep" : "DL4J fit"; }
            };
        }

        static Model of(ComputationGraph net) {
            return new Model() {
                public void fit(DataSet batch) { net.fit(batch); }
                public INDArray output(INDArray features) { return net.output(false, features)[0]; }
                public long numParams() { return net.numParams(); }
                public String path() { return "DL4J fit"; }
            };
        }
    }

    /**
     * One timed case: a name, the network ({@code fast} chooses the training path) and its PyTorch twin's
     * name in {@code torch_reference.py} (null: no reference), flat or image inputs, training or inference,
     * batch size, seconds per timed run, and native threads ({@link #ALL_CORES} or a number; see
     * {@link Dl4jRuntime#useThreads}).
     *
     * <p>Hook for more networks (HW2's colourization nets): add a {@code Workload} to {@link #workloads}
     * with its builder in {@link BenchModels}, and its PyTorch twin under the same model name in
     * {@code MODELS} of {@code torch_reference.py}. A workload whose data is not FashionMNIST
     * classification overrides {@link #pool} (any features and labels: the reference reads them as
     * float32 arrays with their shapes, and {@code loss} tells it which loss to use).
     */
    public record Workload(String name, String model, java.util.function.Function<Boolean, Model> build, boolean flat,
                           Mode mode, int batch, double seconds, int threads, String loss,
                           java.util.function.IntFunction<List<DataSet>> data) {
        /** A FashionMNIST classification workload. */
        public Workload(String name, String model, java.util.function.Function<Boolean, Model> build, boolean flat,
                        Mode mode, int batch, double seconds, int threads, String loss) {
            this(name, model, build, flat, mode, batch, seconds, threads, loss, null);
        }

        /** The thread count to use on this machine. */
        int threadsHere() {
            int cores = Runtime.getRuntime().availableProcessors();
            return threads == ALL_CORES ? cores : Math.min(threads, cores);
        }

        /** Full batches of FashionMNIST training images (in a seeded shuffled order), built before timing. */
        List<DataSet> pool(ImageSet images) {
            int count = Math.max(2, Math.min(512, POOL_IMAGES / batch));
            if (data != null) {
                return data.apply(batch);
            }
            ImageBatches batches = images.batches(batch).flat(flat).shuffled("benchmark order").freshArrays();
            List<DataSet> pool = new ArrayList<>();
            while (pool.size() < count) {
                if (!batches.hasNext()) {
                    batches.reset();
                }
                DataSet ds = batches.next();
                if (ds.numExamples() == batch) {
                    pool.add(ds);
                }
            }
            return pool;
        }
    }

    /** Thread setting meaning "every available processor". */
    static final int ALL_CORES = 0;

    private TrainingBenchmark() {
    }

    /** The homework's workloads, each timed for {@code scale} times its base seconds. */
    static List<Workload> workloads(double scale) {
        Args.positive("scale", scale);
        long seed = Seeds.get();
        List<Workload> w = new ArrayList<>();
        // ops this small cost less than waking a second thread: the MLP runs on 1 native thread
        for (int b : new int[]{1, 16, 64}) {
            w.add(new Workload("mlp train b" + b, "mlp", fast -> Model.of(BenchModels.mlp(seed), fast), true, Mode.TRAIN, b, 2 * scale, 1, "xent"));
        }
        // HW3's lab net on 1 thread too, as its notebook trains it: with idle OpenMP threads asleep (the kernel's
        // OMP_WAIT_POLICY=PASSIVE) its many small ops paid a wake-up each; 1.6-2x faster at batch 16, 1.1-1.5x at 64
        for (int b : new int[]{16, 64}) {
            w.add(new Workload("two-conv train b" + b, "two-conv", fast -> Model.of(BenchModels.twoConv(seed, fast), fast), false, Mode.TRAIN, b,
                    3 * scale, 1, "xent"));
        }
        w.add(new Workload("inception-small train b64", "inception-small", fast -> Model.of(BenchModels.inceptionSmall(seed)), false,
                Mode.TRAIN, 64, 6 * scale, ALL_CORES, "xent"));
        w.add(new Workload("inception-small infer b256", "inception-small", fast -> Model.of(BenchModels.inceptionSmall(seed)), false,
                Mode.INFERENCE, 256, 6 * scale, ALL_CORES, "xent"));
        // HW2's colourization nets: synthetic CIFAR-layout horses, 24-colour palette, batch 100 as the homework
        w.add(new Workload("pool-upsample train b100", null, fast -> Model.of(BenchModels.poolUpsampleNet(seed, 24), fast), false,
                Mode.TRAIN, 100, 6 * scale, ALL_CORES, "pixel-xent", TrainingBenchmark::colourizationBatches));
        w.add(new Workload("conv-transpose train b100", null, fast -> Model.of(BenchModels.convTransposeNet(seed, 24), fast), false,
                Mode.TRAIN, 100, 6 * scale, ALL_CORES, "pixel-xent", TrainingBenchmark::colourizationBatches));
        w.add(new Workload("unet train b100", null, fast -> Model.of(BenchModels.uNet(seed, 24)), false,
                Mode.TRAIN, 100, 6 * scale, ALL_CORES, "pixel-xent", TrainingBenchmark::colourizationBatches));
        return w;
    }

    /**
     * Batches of HW2's colourization task: the horses of {@link SyntheticCifar}'s archive (1,000 records per
     * file, so 500 training horses), their 24-colour k-means palette, grey inputs and one-hot targets.
     */
    static List<DataSet> colourizationBatches(int batch) {
        ColourImages horses = SyntheticCifar.load(1000, SyntheticCifar.DEFAULT_SEED, Cifar10.HORSE).train();
        Colourization.Examples ex = Colourization.of(Palette.kMeans(horses, 24, 100_000)).prepare(horses);
        Colourization.PixelBatches batches = ex.batches(batch).shuffled("benchmark order");
        List<DataSet> pool = new ArrayList<>();
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            if (ds.numExamples() == batch) {
                pool.add(ds);
            }
        }
        return pool;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of("build/bench/training.json");
        double scale = 1;
        int rounds = 0;
        boolean stock = false;
        String python = null;
        String torchLibraries = null;
        List<String> only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--rounds" -> rounds = Args.positive("rounds", Integer.parseInt(args[++i]));
                case "--stock" -> stock = true;
                case "--only" -> only = Arrays.asList(args[++i].split(","));
                case "--vs-pytorch" -> python = args[++i];
                case "--torch-library-path" -> torchLibraries = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --out FILE, --scale S, --rounds N, --stock, --only NAME,..., --vs-pytorch PYTHON");
            }
        }
        if (rounds == 0) {
            rounds = python == null ? 1 : 3;
        }
        Dl4jRuntime.init();
        Seeds.set(42);
        ImageSet train = FashionMnist.train();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("created", Instant.now().toString());
        report.put("environment", environment());
        report.put("training_path", stock ? "stock DL4J fit everywhere (--stock)" : "the notebooks' (DenseStep for dense nets)");
        Path scratch = out.toAbsolutePath().getParent().resolve("pool");
        Files.createDirectories(scratch);
        List<Map<String, Object>> results = new ArrayList<>();
        try (Reference torch = python == null ? null : new Reference(python, Path.of("lib/bin/torch_reference.py"), torchLibraries)) {
            if (torch != null) {
                report.put("reference", torch.hello);
            }
            for (Workload w : workloads(scale)) {
                if (only != null && only.stream().noneMatch(w.name()::contains)) {
                    continue;
                }
                Map<String, Object> r = run(w, train, rounds, !stock, torch, scratch);
                print(r);
                results.add(r);
            }
        }
        report.put("workloads", results);
        report.put("peak_rss_mib", peakRssMib());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
        System.out.println("peak RSS " + report.get("peak_rss_mib") + " MiB; report written to " + out);
    }

    private static void print(Map<String, Object> r) {
        @SuppressWarnings("unchecked")
        Map<String, Object> dl4j = (Map<String, Object>) r.get("dl4j");
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s DL4J %10.1f images/s (%8.1f steps/s)",
                r.get("name"), dl4j.get("median_images_per_s"), dl4j.get("median_steps_per_s")));
        if (r.get("pytorch") instanceof Map<?, ?> torch) {
            @SuppressWarnings("unchecked")
            Map<String, Object> ratio = (Map<String, Object>) r.get("ratio");
            line.append(String.format(Locale.ROOT, "   PyTorch %10.1f   ratio %.2fx (%.2f-%.2f)", torch.get("median_images_per_s"),
                    ratio.get("median"), ratio.get("min"), ratio.get("max")));
        }
        System.out.println(line);
    }

    /** Times {@code w} for {@code rounds} rounds, alternating with the reference when there is one. */
    static Map<String, Object> run(Workload w, ImageSet images, int rounds, boolean fast, Reference torch, Path scratch) throws IOException {
        int threads = w.threadsHere();
        int previous = Dl4jRuntime.useThreads(threads);
        try {
            List<DataSet> pool = w.pool(images);
            Model model = w.build().apply(fast);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", w.name());
            r.put("model", w.model());
            r.put("mode", w.mode().toString().toLowerCase(Locale.ROOT));
            r.put("batch", w.batch());
            r.put("parameters", model.numParams());
            r.put("threads", threads);
            r.put("path", w.mode() == Mode.TRAIN ? model.path() : "DL4J output");
            r.put("seconds_per_run", w.seconds());
            boolean reference = torch != null && w.model() != null;
            if (reference) {
                long theirs = torch.load(w, pool, scratch);
                // inference-only BN statistics are not parameters in PyTorch; DL4J counts them
                r.put("pytorch_parameters", theirs);
            }
            int[] cursor = {0};
            Runnable step = () -> {
                DataSet b = pool.get(cursor[0]++ % pool.size());
                if (w.mode() == Mode.TRAIN) {
                    model.fit(b);
                } else {
                    model.output(b.getFeatures());
                }
            };
            // warm-up: the JIT, workspaces and kernels settle (the MLP's Java side needs a few hundred steps)
            timed(step, w.seconds() / 2, w.mode() == Mode.TRAIN ? 20 : 2);
            if (reference) {
                torch.run(w.seconds() / 2, 2);
            }
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double[] a = timed(step, w.seconds(), 3);
                ours.add(a[0] / a[1]);
                if (reference) {
                    double[] b = torch.run(w.seconds(), 3);
                    theirs.add(b[0] / b[1]);
                    ratios.add(ours.get(round) / theirs.get(round));
                }
            }
            r.put("dl4j", rates(ours, w.batch()));
            if (reference) {
                r.put("pytorch", rates(theirs, w.batch()));
                r.put("ratio", summary(ratios));
            }
            return r;
        } finally {
            Dl4jRuntime.useThreads(previous);
        }
    }

    /** Runs {@code step} until both {@code seconds} and {@code minSteps} are reached; returns {steps, seconds}. */
    static double[] timed(Runnable step, double seconds, int minSteps) {
        long t0 = System.nanoTime();
        long limit = (long) (seconds * 1e9);
        int n = 0;
        long elapsed;
        do {
            step.run();
            n++;
            elapsed = System.nanoTime() - t0;
        } while (n < minSteps || elapsed < limit);
        return new double[]{n, elapsed / 1e9};
    }

    private static Map<String, Object> rates(List<Double> stepsPerSecond, int batch) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps_per_s", stepsPerSecond);
        m.put("images_per_s", stepsPerSecond.stream().map(s -> s * batch).toList());
        m.put("median_steps_per_s", median(stepsPerSecond));
        m.put("median_images_per_s", median(stepsPerSecond) * batch);
        return m;
    }

    static Map<String, Object> summary(List<Double> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("per_round", values);
        m.put("min", values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
        m.put("median", median(values));
        m.put("max", values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        return m;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The kernel's native settings that are not passed on to the PyTorch worker. */
    static final List<String> KERNEL_ONLY_ENV = List.of("OMP_WAIT_POLICY", "MALLOC_ARENA_MAX", "MALLOC_MMAP_MAX_", "MALLOC_TRIM_THRESHOLD_");

    /** The PyTorch worker process ({@code torch_reference.py}), one JSON request and answer per line. */
    static final class Reference implements AutoCloseable {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;
        final Map<String, Object> hello;

        /** Starts {@code python script}; {@code libraries}, if not null, goes first on its LD_LIBRARY_PATH (a BLAS for torch). */
        Reference(String python, Path script, String libraries) throws IOException {
            Args.check(Files.isRegularFile(script), "the PyTorch worker " + script + " is missing: run lib/bin/bench from the repository root");
            ProcessBuilder pb = new ProcessBuilder(python, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
            // PyTorch runs with its own defaults: the kernel's OpenMP and malloc settings are tuned for DL4J
            // (passive OpenMP waits cost PyTorch's 2-thread small ops 10-25%); the OpenBLAS core type is shared
            for (String variable : KERNEL_ONLY_ENV) {
                pb.environment().remove(variable);
            }
            if (libraries != null) {
                String old = pb.environment().get("LD_LIBRARY_PATH");
                pb.environment().put("LD_LIBRARY_PATH", old == null || old.isEmpty() ? libraries : libraries + ":" + old);
            }
            process = pb.start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            hello = ask(Map.of("cmd", "hello"));
        }

        /** Writes the pool's features and labels as float32 files and has the worker build the twin network. */
        long load(Workload w, List<DataSet> pool, Path scratch) throws IOException {
            Path features = scratch.resolve("features.f32");
            Path labels = scratch.resolve("labels.f32");
            write(features, pool.stream().map(DataSet::getFeatures).toList());
            write(labels, pool.stream().map(DataSet::getLabels).toList());
            Map<String, Object> req = new LinkedHashMap<>();
            req.put("cmd", "load");
            req.put("model", w.model());
            req.put("mode", w.mode().toString().toLowerCase(Locale.ROOT));
            req.put("batch", w.batch());
            req.put("loss", w.loss());
            req.put("features", features.toString());
            req.put("features_shape", pool.get(0).getFeatures().shape());
            req.put("labels", labels.toString());
            req.put("labels_shape", pool.get(0).getLabels().shape());
            req.put("batches", pool.size());
            return ((Number) ask(req).get("parameters")).longValue();
        }

        /** Times the loaded network; returns {steps, seconds}. */
        double[] run(double seconds, int minSteps) throws IOException {
            Map<String, Object> a = ask(Map.of("cmd", "run", "seconds", seconds, "min_iterations", minSteps));
            return new double[]{((Number) a.get("iterations")).doubleValue(), ((Number) a.get("seconds")).doubleValue()};
        }

        private static void write(Path file, List<INDArray> arrays) throws IOException {
            try (DataOutputStream s = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * 65536).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (INDArray a : arrays) {
                    for (float f : a.dup('c').reshape(a.length()).toFloatVector()) {
                        if (!buf.hasRemaining()) {
                            s.write(buf.array(), 0, buf.position());
                            buf.clear();
                        }
                        buf.putFloat(f);
                    }
                }
                s.write(buf.array(), 0, buf.position());
            }
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> ask(Map<String, Object> request) throws IOException {
            ObjectMapper json = new ObjectMapper();
            in.write(json.writeValueAsString(request) + "\n");
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the PyTorch worker stopped (see its error above); request was " + request.get("cmd"));
            }
            Map<String, Object> answer = json.readValue(line, Map.class);
            if (answer.containsKey("error")) {
                throw new IOException("the PyTorch worker failed: " + answer.get("error"));
            }
            return answer;
        }

        @Override
        public void close() throws IOException {
            try {
                in.write("{\"cmd\": \"quit\"}\n");
                in.close();
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // already gone
            } finally {
                process.destroy();
            }
        }
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
        env.put("nd4j_threads", Dl4jRuntime.threads()); // default; each workload's own setting is its "threads"
        env.put("available_processors", Runtime.getRuntime().availableProcessors());
        env.put("cpu", cpuModel());
        for (String variable : List.of("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "MALLOC_ARENA_MAX", "MALLOC_MMAP_MAX_",
                "MALLOC_TRIM_THRESHOLD_", "OPENBLAS_CORETYPE")) {
            env.put(variable, System.getenv().getOrDefault(variable, "(unset)")); // the kernel's native settings (lib/bin/common.sh)
        }
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        return env;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
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
