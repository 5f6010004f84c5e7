package dlnb.runtime;

/**
 * {@code java -cp ... dlnb.runtime.Warmup}: loads ND4J once so its natives are unpacked into the
 * JavaCPP cache at image build time (Binder's postBuild), and prints the backend it found.
 */
public final class Warmup {
    private Warmup() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        String backend = Dl4jRuntime.describe();
        System.out.println(backend + " (ready in " + (System.nanoTime() - start) / 1_000_000 + " ms)");
    }
}
