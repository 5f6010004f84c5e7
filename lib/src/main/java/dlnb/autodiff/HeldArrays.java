package dlnb.autodiff;

/**
 * The arrays a SameDiff graph holds at one moment: how many, and their size in bytes (elements × element width).
 * {@code graphBytes} counts the graph's own variables (in eager mode every op's output, the values a backward pass
 * reads); {@code bytes} adds the functions defined in it, e.g. the gradient function {@code calculateGradients}
 * builds, each array counted once. See {@link Autodiff#held}.
 */
public record HeldArrays(int arrays, long bytes, int graphArrays, long graphBytes) {
}
