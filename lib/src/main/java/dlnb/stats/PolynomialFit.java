package dlnb.stats;

import dlnb.Args;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * Polynomial regression as "fitters": functions from a training sample to a predictor, the shape
 * {@link BiasVariance} and {@link CrossValidation} take, so any model can be plugged in.
 */
public final class PolynomialFit {
    private PolynomialFit() {
    }

    /** A fitted polynomial: its basis and coefficients. */
    public record Model(PolynomialBasis basis, double[] coefficients) implements DoubleUnaryOperator {
        @Override
        public double applyAsDouble(double x) {
            double[] p = basis.features(x);
            double s = 0;
            for (int k = 0; k < p.length; k++) {
                s += coefficients[k] * p[k];
            }
            return s;
        }
    }

    /** Ordinary least squares in the given basis. */
    public static Model leastSquares(PolynomialBasis basis, Sample train) {
        Args.notNull("basis", basis);
        Args.notNull("train", train);
        checkEnoughPoints(basis, train);
        return new Model(basis, LeastSquares.solve(basis.design(train.x()), train.y()));
    }

    /** Ridge regression in the given basis; the constant feature is not penalised. */
    public static Model ridge(PolynomialBasis basis, double lambda, Sample train) {
        Args.notNull("basis", basis);
        Args.notNull("train", train);
        Args.nonNegative("lambda", lambda);
        if (lambda == 0) {
            checkEnoughPoints(basis, train);
        }
        return new Model(basis, LeastSquares.ridge(basis.design(train.x()), train.y(), lambda, 1));
    }

    public static Function<Sample, DoubleUnaryOperator> leastSquares(PolynomialBasis basis) {
        Args.notNull("basis", basis);
        return train -> leastSquares(basis, train);
    }

    public static Function<Sample, DoubleUnaryOperator> ridge(PolynomialBasis basis, double lambda) {
        Args.notNull("basis", basis);
        Args.nonNegative("lambda", lambda);
        return train -> ridge(basis, lambda, train);
    }

    private static void checkEnoughPoints(PolynomialBasis basis, Sample train) {
        Args.check(train.size() >= basis.size(), "a degree-" + basis.degree() + " least-squares fit needs at least "
                + basis.size() + " points, got " + train.size());
    }
}
