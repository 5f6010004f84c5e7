package dlnb.runtime;

import dlnb.Args;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.Properties;

/**
 * Puts ND4J/DL4J in the configuration the notebooks rely on, before any network is built:
 * float32 by default (double is about 8x slower) and DL4J's oneDNN layer helpers switched on.
 *
 * <p>Stock DL4J 1.0.0-M2.1 keeps the helpers off twice over: the system property
 * {@value #HELPERS_DISABLE} defaults to true, and its availability check looks for a class that ND4J
 * renamed (see {@link org.nd4j.nativeblas.Nd4jCpu}). With both fixed, convolutional nets train
 * several times faster with identical results.
 */
public final class Dl4jRuntime {
    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    private static volatile boolean initialised;

    private Dl4jRuntime() {
    }

    /** Idempotent; cheap after the first call. An explicit {@code -D}{@value #HELPERS_DISABLE} is respected. */
    public static synchronized void init() {
        if (initialised) {
            return;
        }
        if (System.getProperty(HELPERS_DISABLE) == null) {
            System.setProperty(HELPERS_DISABLE, "false");
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        initialised = true;
    }

    /** Whether ND4J's native build includes oneDNN and has it switched on. */
    public static boolean oneDnnInBuild() {
        init();
        return Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }

    /** Whether DL4J layers built now will pick up the oneDNN helpers (what DL4J itself checks). */
    public static boolean helpersActive() {
        init();
        return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE)) && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /**
     * Threads ND4J's native ops run on: its "master threads", the default width of its parallel loops.
     * (Its pool size, {@code maxThreads}, is fixed at start-up from {@code OMP_NUM_THREADS}; setting it
     * later is ignored by the native code, which is why {@link #useThreads} sets the master threads.)
     */
    public static int threads() {
        init();
        return Nd4jCpu.Environment.getInstance().maxMasterThreads();
    }

    /**
     * Sets how many threads ND4J's native code uses from now on and returns the previous number, so a
     * notebook can switch per workload inside one JVM (no restart, unlike {@code OMP_NUM_THREADS}).
     * Measured on 2 cores: an MLP 784-64-10 at batch 64 trains up to 1.3x faster on 1 thread (every op
     * is too small to pay for waking a second one); conv nets lose 10-40% on 1 thread.
     *
     * <p>Three pools are set together: ND4J's own (element-wise ops and reductions), OpenBLAS's
     * (dense layers' matrix products), both process-wide, and OpenMP's (oneDNN convolutions), which
     * belongs to the calling thread: call this from the thread that trains (JJava reuses a cell
     * thread while cells follow each other, but may start a new one after a minute idle).
     *
     * @param threads between 1 and the number of available processors
     */
    public static synchronized int useThreads(int threads) {
        init();
        int cores = Runtime.getRuntime().availableProcessors();
        Args.check(threads >= 1 && threads <= cores, "threads must be between 1 and " + cores + " (available processors), got " + threads);
        int previous = threads();
        Nd4jCpu.Environment env = Nd4jCpu.Environment.getInstance();
        env.setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        return previous;
    }

    /** Threads OpenBLAS uses for matrix products (set with {@link #useThreads}). */
    public static int blasThreads() {
        init();
        return Nd4j.factory().blas().getMaxThreads();
    }

    /** One line for a notebook's output, e.g. "ND4J CPU backend, BLAS openblas, 2 threads, float, oneDNN helpers on". */
    public static String describe() {
        init();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String blas = String.valueOf(env.getOrDefault("blas.vendor", "unknown")).toLowerCase();
        return "ND4J " + env.getOrDefault("backend", "?") + " backend, BLAS " + blas + ", " + threads() + " threads, "
                + Nd4j.defaultFloatingPointType().toString().toLowerCase() + ", oneDNN helpers "
                + (helpersActive() ? "on" : oneDnnInBuild() ? "off (set -D" + HELPERS_DISABLE + "=false)" : "unavailable in this native build");
    }
}
