package dlnb.train;

/**
 * The inner loops of {@link DenseStep}: sweeps over rows of a layer ({@code nOut} floats, 64 for an MLP's
 * hidden layer) and over whole parameter arrays, written so that HotSpot vectorises them. (A Vector API
 * version, {@code jdk.incubator.vector}, was 12-30% slower than these in paired runs of whole training steps.)
 */
final class Loops {
    private Loops() {
    }

    /** {@code y[yo + k] += a * x[xo + k]} for {@code k < n}. */
    static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        for (int k = 0; k < n; k++) {
            y[yo + k] += a * x[xo + k];
        }
    }

    /**
     * {@code y[yr + k] += a_r * x[xo + k]} for the four rows {@code r} and {@code k < n}: one row of
     * {@code x} (a weight row) into four output rows, read once.
     */
    static void axpy4(float a0, float a1, float a2, float a3, float[] x, int xo, float[] y, int y0, int y1, int y2, int y3, int n) {
        for (int k = 0; k < n; k++) {
            float v = x[xo + k];
            y[y0 + k] += a0 * v;
            y[y1 + k] += a1 * v;
            y[y2 + k] += a2 * v;
            y[y3 + k] += a3 * v;
        }
    }

    /** {@code y[yo + k] += a0 x[x0 + k] + a1 x[x1 + k] + a2 x[x2 + k] + a3 x[x3 + k]}: four rows into one, written once. */
    static void axpy4Into(float a0, float a1, float a2, float a3, float[] x, int x0, int x1, int x2, int x3, float[] y, int yo, int n) {
        for (int k = 0; k < n; k++) {
            y[yo + k] += a0 * x[x0 + k] + a1 * x[x1 + k] + a2 * x[x2 + k] + a3 * x[x3 + k];
        }
    }

    /** {@code sum_k a[ao + k] * b[bo + k]} for {@code k < n}. */
    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0;
        for (int k = 0; k < n; k++) {
            s += a[ao + k] * b[bo + k];
        }
        return s;
    }

    /**
     * ND4J's Nesterov momentum update with gradient {@code g / scale}: {@code prev = mu v; v = prev - lr g;
     * p -= prev + (-mu - 1) v}.
     */
    static void nesterov(float[] p, float[] g, float[] v, float scale, float lr, float momentum) {
        float momentumT = -momentum - 1;
        for (int k = 0; k < p.length; k++) {
            float prev = momentum * v[k];
            float next = prev - lr * (g[k] / scale);
            p[k] -= prev + momentumT * next;
            v[k] = next;
        }
    }

    /**
     * ND4J's Adam update with gradient {@code g / scale} and bias-corrected step {@code alpha}:
     * {@code m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= alpha m / (sqrt(v) + eps)}.
     */
    static void adam(float[] p, float[] g, float[] m, float[] v, float scale, float alpha, float beta1, float beta2, float epsilon) {
        for (int k = 0; k < p.length; k++) {
            float gk = g[k] / scale;
            float mk = beta1 * m[k] + gk * (1 - beta1);
            float vk = beta2 * v[k] + gk * gk * (1 - beta2);
            p[k] -= mk * alpha / ((float) Math.sqrt(vk) + epsilon);
            m[k] = mk;
            v[k] = vk;
        }
    }

    /**
     * Sets the subnormal elements of {@code a} (magnitude below {@link Float#MIN_NORMAL}) to zero. A pass of
     * its own: with the test inside the updaters' loops the JIT does not vectorise them (50 against 6 us a
     * step for 50,890 parameters).
     */
    static void flushSubnormals(float[] a) {
        for (int k = 0; k < a.length; k++) {
            if (Math.abs(a[k]) < Float.MIN_NORMAL) {
                a[k] = 0f;
            }
        }
    }
}
