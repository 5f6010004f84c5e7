package dlnb.autodiff;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A "differentiable program" of one real variable: plain Java that takes the input as a SameDiff
 * {@link SDVariable} and returns the output, built from SameDiff ops, free to branch and loop on current
 * values with {@link Autodiff#value(SDVariable)}:
 *
 * <pre>{@code
 * DiffProg f = x -> value(x) < 0 ? x.mul(x) : x.mul(x).add(1);
 * ValueAndDerivative p = f.at(0);          // f(0) = 1, f'(0) = 0 (the branch x^2 + 1 ran)
 * }</pre>
 *
 * <p>Each evaluation builds a new graph at the input point, executing each op as it is added (define-by-run,
 * as PyTorch does); the derivative is SameDiff's reverse-mode gradient of that graph, i.e. of the ops the
 * program actually executed at that point. Write constants as expressions of {@code x} or with
 * {@code x.getSameDiff().constant(...)}, so everything lives in the input's graph.
 */
@FunctionalInterface
public interface DiffProg {
    /** The program: the output for input {@code x}, a scalar in the same SameDiff graph. */
    SDVariable apply(SDVariable x);

    /** f(x) and SameDiff's f'(x), from one fresh graph at {@code x}; see {@link Autodiff#at}. */
    default ValueAndDerivative at(double x) {
        return Autodiff.at(this, x);
    }

    /** SameDiff's derivative at {@code x}. */
    default double derivative(double x) {
        return at(x).derivative();
    }

    /** f and f' at every point of {@code x} (the homework's {@code compute_f_and_df}). */
    default FunctionSamples over(double... x) {
        return FunctionSamples.of(this, x);
    }
}
