package dlnb.runtime;

import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

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
        return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }

    /** Whether DL4J layers built now will pick up the oneDNN helpers (what DL4J itself checks). */
    public static boolean helpersActive() {
        init();
        return !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE)) && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /** Threads ND4J's native code uses (OpenMP). */
    public static int threads() {
        init();
        return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().maxThreads();
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
