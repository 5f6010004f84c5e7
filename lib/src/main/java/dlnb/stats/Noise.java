package dlnb.stats;

import dlnb.Args;

import java.util.Random;

/**
 * Zero-mean Gaussian noise, built from whichever of variance or standard deviation the problem gives,
 * so "N(0, 0.3)" is read one way on purpose and used consistently everywhere after.
 */
public final class Noise {
    private final double std;

    private Noise(double std) {
        this.std = std;
    }

    public static Noise std(double std) {
        return new Noise(Args.nonNegative("std", std));
    }

    public static Noise variance(double variance) {
        return new Noise(Math.sqrt(Args.nonNegative("variance", variance)));
    }

    public double std() {
        return std;
    }

    public double variance() {
        return std * std;
    }

    public double draw(Random random) {
        return std * random.nextGaussian();
    }

    @Override
    public String toString() {
        return String.format("N(0, variance %.4g, std %.4g)", variance(), std);
    }
}
