package org.nd4j.nativeblas;

/**
 * Compatibility shim, not ND4J code: DL4J 1.0.0-M2.1 decides whether to use its oneDNN layer helpers
 * by reflecting on {@code org.nd4j.nativeblas.Nd4jCpu$Environment#isUseMKLDNN()}, but ND4J M2.1 ships
 * that class as {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment#isUseONEDNN()}.
 * The failed look-up is only logged at DEBUG and silently costs a 7-14x slowdown on conv nets.
 * This class answers the old question with the new binding's answer.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
