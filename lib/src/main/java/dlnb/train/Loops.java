package dlnb.train;

/**
 * The inner loops of {@link DenseStep}: short sweeps over rows of a layer ({@code nOut} floats, 64 for
 * an MLP's hidden layer). HotSpot's automatic vectorisation leaves loops this short scalar (its vector
 * loop needs more iterations than one row has), so where the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the project kernel and benchmark are) they run on the
 * Vector API, 5x faster on a 64-float row; elsewhere on plain loops.
 */
abstract class Loops {
    /** The fastest implementation this JVM can run. */
    static final Loops BEST = pick();

    /** {@code y[yo + k] += a * x[xo + k]} for {@code k < n}. */
    abstract void axpy(float a, float[] x, int xo, float[] y, int yo, int n);

    /**
     * {@code y[yr + k] += a_r * x[xo + k]} for the four rows {@code r} and {@code k < n}: one row of
     * {@code x} (a weight row) into four output rows, read once.
     */
    void axpy4(float a0, float a1, float a2, float a3, float[] x, int xo, float[] y, int y0, int y1, int y2, int y3, int n) {
        for (int k = 0; k < n; k++) {
            float v = x[xo + k];
            y[y0 + k] += a0 * v;
            y[y1 + k] += a1 * v;
            y[y2 + k] += a2 * v;
            y[y3 + k] += a3 * v;
        }
    }

    /** {@code y[yo + k] += a0 x[x0 + k] + a1 x[x1 + k] + a2 x[x2 + k] + a3 x[x3 + k]}: four rows into one, written once. */
    void axpy4Into(float a0, float a1, float a2, float a3, float[] x, int x0, int x1, int x2, int x3, float[] y, int yo, int n) {
        for (int k = 0; k < n; k++) {
            y[yo + k] += a0 * x[x0 + k] + a1 * x[x1 + k] + a2 * x[x2 + k] + a3 * x[x3 + k];
        }
    }

    /** {@code sum_k a[ao + k] * b[bo + k]} for {@code k < n}. */
    abstract float dot(float[] a, int ao, float[] b, int bo, int n);

    /**
     * ND4J's Nesterov momentum update with gradient {@code g / scale}: {@code prev = mu v; v = prev - lr g;
     * p -= prev + (-mu - 1) v}; state below {@link Float#MIN_NORMAL} is stored as 0 (see {@link DenseStep}).
     */
    void nesterov(float[] p, float[] g, float[] v, float scale, float lr, float momentum) {
        float momentumT = -momentum - 1;
        for (int k = 0; k < p.length; k++) {
            float prev = momentum * v[k];
            float next = prev - lr * (g[k] / scale);
            p[k] -= prev + momentumT * next;
            v[k] = Math.abs(next) < Float.MIN_NORMAL ? 0f : next;
        }
    }

    /**
     * ND4J's Adam update with gradient {@code g / scale} and bias-corrected step {@code alpha}:
     * {@code m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= alpha m / (sqrt(v) + eps)}.
     */
    void adam(float[] p, float[] g, float[] m, float[] v, float scale, float alpha, float beta1, float beta2, float epsilon) {
        for (int k = 0; k < p.length; k++) {
            float gk = g[k] / scale;
            float mk = beta1 * m[k] + gk * (1 - beta1);
            float vk = beta2 * v[k] + gk * gk * (1 - beta2);
            p[k] -= mk * alpha / ((float) Math.sqrt(vk) + epsilon);
            m[k] = Math.abs(mk) < Float.MIN_NORMAL ? 0f : mk;
            v[k] = vk < Float.MIN_NORMAL ? 0f : vk;
        }
    }

    /** Name of the implementation, for reports. */
    abstract String name();

    private static Loops pick() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Loops) Class.forName("dlnb.train.VectorLoops").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                // fall through to plain loops
            }
        }
        return new Plain();
    }

    static final class Plain extends Loops {
        @Override
        void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
            for (int k = 0; k < n; k++) {
                y[yo + k] += a * x[xo + k];
            }
        }

        @Override
        float dot(float[] a, int ao, float[] b, int bo, int n) {
            float s = 0;
            for (int k = 0; k < n; k++) {
                s += a[ao + k] * b[bo + k];
            }
            return s;
        }

        @Override
        String name() {
            return "plain Java loops";
        }
    }
}
