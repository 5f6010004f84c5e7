package dlnb;

import org.nd4j.linalg.factory.Nd4j;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The one place a notebook seeds everything: ND4J's generator (weight init, dropout, shuffles),
 * Smile's, and Java {@link Random}s handed out by purpose. DL4J network configurations take
 * {@code .seed(Seeds.get())}.
 */
public final class Seeds {
    private static volatile long seed = 42;

    private Seeds() {
    }

    /** Seeds ND4J and Smile from {@code value} and remembers it for {@link #get()} and {@link #random(String)}. */
    public static long set(long value) {
        seed = value;
        Nd4j.getRandom().setSeed(value);
        smile.math.MathEx.setSeed(value);
        return value;
    }

    /** The seed last set (42 until then). */
    public static long get() {
        return seed;
    }

    /**
     * A fresh Java {@link Random} for one purpose, e.g. {@code Seeds.random("train split")}: the same seed
     * and purpose give the same sequence however often, and in whatever order, cells are run.
     */
    public static Random random(String purpose) {
        return new Random(derive(purpose));
    }

    /**
     * A random permutation of 0..n-1 for one purpose (Fisher-Yates with {@link #random(String)}), e.g. one
     * epoch's order: {@code Seeds.permutation(n, "training order, epoch " + e)}.
     */
    public static int[] permutation(int n, String purpose) {
        Args.nonNegative("n", n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = random(purpose);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** A seed for one purpose, derived from the notebook's seed (for APIs that take a long). */
    public static long derive(String purpose) {
        Args.notNull("purpose", purpose);
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        // splitmix64 finaliser: nearby seeds and purposes give unrelated streams
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
