package dlnb.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Loops} on the Vector API (the CPU's widest float vectors); loaded only where the module is present. */
final class VectorLoops extends Loops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector va = FloatVector.broadcast(S, a);
        int k = 0;
        for (int end = S.loopBound(n); k < end; k += S.length()) {
            FloatVector.fromArray(S, x, xo + k).fma(va, FloatVector.fromArray(S, y, yo + k)).intoArray(y, yo + k);
        }
        for (; k < n; k++) {
            y[yo + k] += a * x[xo + k];
        }
    }

    @Override
    void axpy4(float a0, float a1, float a2, float a3, float[] x, int xo, float[] y, int y0, int y1, int y2, int y3, int n) {
        FloatVector v0 = FloatVector.broadcast(S, a0);
        FloatVector v1 = FloatVector.broadcast(S, a1);
        FloatVector v2 = FloatVector.broadcast(S, a2);
        FloatVector v3 = FloatVector.broadcast(S, a3);
        int k = 0;
        for (int end = S.loopBound(n); k < end; k += S.length()) {
            FloatVector w = FloatVector.fromArray(S, x, xo + k);
            w.fma(v0, FloatVector.fromArray(S, y, y0 + k)).intoArray(y, y0 + k);
            w.fma(v1, FloatVector.fromArray(S, y, y1 + k)).intoArray(y, y1 + k);
            w.fma(v2, FloatVector.fromArray(S, y, y2 + k)).intoArray(y, y2 + k);
            w.fma(v3, FloatVector.fromArray(S, y, y3 + k)).intoArray(y, y3 + k);
        }
        for (; k < n; k++) {
            float v = x[xo + k];
            y[y0 + k] += a0 * v;
            y[y1 + k] += a1 * v;
            y[y2 + k] += a2 * v;
            y[y3 + k] += a3 * v;
        }
    }

    @Override
    void axpy4Into(float a0, float a1, float a2, float a3, float[] x, int x0, int x1, int x2, int x3, float[] y, int yo, int n) {
        FloatVector v0 = FloatVector.broadcast(S, a0);
        FloatVector v1 = FloatVector.broadcast(S, a1);
        FloatVector v2 = FloatVector.broadcast(S, a2);
        FloatVector v3 = FloatVector.broadcast(S, a3);
        int k = 0;
        for (int end = S.loopBound(n); k < end; k += S.length()) {
            FloatVector acc = FloatVector.fromArray(S, y, yo + k);
            acc = FloatVector.fromArray(S, x, x0 + k).fma(v0, acc);
            acc = FloatVector.fromArray(S, x, x1 + k).fma(v1, acc);
            acc = FloatVector.fromArray(S, x, x2 + k).fma(v2, acc);
            acc = FloatVector.fromArray(S, x, x3 + k).fma(v3, acc);
            acc.intoArray(y, yo + k);
        }
        for (; k < n; k++) {
            y[yo + k] += a0 * x[x0 + k] + a1 * x[x1 + k] + a2 * x[x2 + k] + a3 * x[x3 + k];
        }
    }

    @Override
    float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc = FloatVector.zero(S);
        int k = 0;
        for (int end = S.loopBound(n); k < end; k += S.length()) {
            acc = FloatVector.fromArray(S, a, ao + k).fma(FloatVector.fromArray(S, b, bo + k), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; k < n; k++) {
            s += a[ao + k] * b[bo + k];
        }
        return s;
    }

    @Override
    void nesterov(float[] p, float[] g, float[] v, float scale, float lr, float momentum) {
        FloatVector mu = FloatVector.broadcast(S, momentum);
        FloatVector muT = FloatVector.broadcast(S, -momentum - 1);
        FloatVector rate = FloatVector.broadcast(S, lr);
        FloatVector sc = FloatVector.broadcast(S, scale);
        int k = 0;
        for (int end = S.loopBound(p.length); k < end; k += S.length()) {
            FloatVector prev = FloatVector.fromArray(S, v, k).mul(mu);
            FloatVector next = prev.sub(FloatVector.fromArray(S, g, k).div(sc).mul(rate));
            FloatVector.fromArray(S, p, k).sub(prev.add(next.mul(muT))).intoArray(p, k);
            next.blend(0f, next.abs().lt(Float.MIN_NORMAL)).intoArray(v, k);
        }
        for (; k < p.length; k++) {
            float prev = momentum * v[k];
            float next = prev - lr * (g[k] / scale);
            p[k] -= prev + (-momentum - 1) * next;
            v[k] = Math.abs(next) < Float.MIN_NORMAL ? 0f : next;
        }
    }

    @Override
    void adam(float[] p, float[] g, float[] m, float[] v, float scale, float alpha, float beta1, float beta2, float epsilon) {
        FloatVector b1 = FloatVector.broadcast(S, beta1);
        FloatVector b2 = FloatVector.broadcast(S, beta2);
        FloatVector c1 = FloatVector.broadcast(S, 1 - beta1);
        FloatVector c2 = FloatVector.broadcast(S, 1 - beta2);
        FloatVector a = FloatVector.broadcast(S, alpha);
        FloatVector eps = FloatVector.broadcast(S, epsilon);
        FloatVector sc = FloatVector.broadcast(S, scale);
        int k = 0;
        for (int end = S.loopBound(p.length); k < end; k += S.length()) {
            FloatVector gk = FloatVector.fromArray(S, g, k).div(sc);
            FloatVector mk = FloatVector.fromArray(S, m, k).mul(b1).add(gk.mul(c1));
            FloatVector vk = FloatVector.fromArray(S, v, k).mul(b2).add(gk.mul(gk).mul(c2));
            FloatVector.fromArray(S, p, k).sub(mk.mul(a).div(vk.sqrt().add(eps))).intoArray(p, k);
            mk.blend(0f, mk.abs().lt(Float.MIN_NORMAL)).intoArray(m, k);
            vk.blend(0f, vk.lt(Float.MIN_NORMAL)).intoArray(v, k);
        }
        for (; k < p.length; k++) {
            {
                float gk = g[k] / scale;
                float mk = beta1 * m[k] + gk * (1 - beta1);
                float vk = beta2 * v[k] + gk * gk * (1 - beta2);
                p[k] -= mk * alpha / ((float) Math.sqrt(vk) + epsilon);
                m[k] = Math.abs(mk) < Float.MIN_NORMAL ? 0f : mk;
                v[k] = vk < Float.MIN_NORMAL ? 0f : vk;
            }
        }
    }

    @Override
    String name() {
        return "Vector API (" + S.length() + " floats)";
    }
}
