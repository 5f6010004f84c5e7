package dlnb.autodiff;

/** A program's output and the engine's derivative at one input point. */
public record ValueAndDerivative(double x, double value, double derivative) {
}
