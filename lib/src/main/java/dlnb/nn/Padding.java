package dlnb.nn;

import dlnb.Args;

/**
 * How a sliding window treats borders: explicit zero padding of {@code amount} on each side, or
 * "same" (as in TensorFlow and DL4J's ConvolutionMode.Same): output size ceil(n / stride), padding
 * added as needed.
 */
public record Padding(int amount, boolean isSame) {
    public Padding {
        Args.nonNegative("padding", amount);
    }

    public static Padding of(int amount) {
        return new Padding(amount, false);
    }

    public static Padding same() {
        return new Padding(0, true);
    }

    /** Output length along one axis of size n for a window of size k moved by stride s. */
    public int outputSize(String axis, int n, int k, int s) {
        Args.positive(axis + " size", n);
        Args.positive(axis + " kernel", k);
        Args.positive(axis + " stride", s);
        // in long: n + 2 * amount or n + s - 1 can pass Integer.MAX_VALUE
        if (isSame) {
            return Exact.toInt(axis + " output size", ((long) n + s - 1) / s);
        }
        long padded = (long) n + 2L * amount;
        Args.check(padded >= k, axis + " kernel " + k + " is larger than the padded input " + n + " + 2 x "
                + amount + " = " + padded);
        return Exact.toInt(axis + " output size", (padded - k) / s + 1);
    }

    @Override
    public String toString() {
        return isSame ? "same" : "pad " + amount;
    }
}
