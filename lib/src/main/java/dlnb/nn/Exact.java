package dlnb.nn;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Counts as exact {@code long}s: a product or sum that would wrap around (a silently negative or
 * tiny parameter count) is an error that names the quantity and its factors instead.
 */
final class Exact {
    private Exact() {
    }

    /** The product of the factors; {@code what} names it in the error ("MACs of conv 3x3, ..."). */
    static long product(String what, long... factors) {
        long p = 1;
        for (long f : factors) {
            try {
                p = Math.multiplyExact(p, f);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(what + " = " + Arrays.stream(factors).mapToObj(Long::toString)
                        .collect(Collectors.joining(" x ")) + " is more than a long can hold (" + Long.MAX_VALUE + ")");
            }
        }
        return p;
    }

    static long sum(String what, long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " = " + a + " + " + b + " is more than a long can hold (" + Long.MAX_VALUE + ")");
        }
    }

    static <T> long total(String what, List<T> items, ToLongFunction<T> value) {
        long t = 0;
        for (T item : items) {
            t = sum(what, t, value.applyAsLong(item));
        }
        return t;
    }

    /** A size that must fit an int (a feature map's side or depth). */
    static int toInt(String what, long value) {
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(what + " is " + value + ", more than an int can hold (" + Integer.MAX_VALUE + ")");
        }
        return (int) value;
    }
}
