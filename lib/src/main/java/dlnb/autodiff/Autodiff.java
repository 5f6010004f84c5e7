package dlnb.autodiff;

import dlnb.Args;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * SameDiff (ND4J 1.0.0-M2.1) as the autodiff engine of a notebook: current values of variables while a program
 * runs, derivatives of {@link DiffProg}s at a point, and gradients of any graph without SameDiff's console
 * chatter.
 */
public final class Autodiff {
    /** Name of the input variable in the graphs {@link #at} builds. */
    public static final String INPUT = "x";

    private Autodiff() {
    }

    /**
     * The current value of a scalar variable: in the graphs {@link #at} builds every op runs as it is added
     * (SameDiff's eager mode), so this is what a {@code DiffProg} branches on. In an ordinary (lazy) graph
     * it executes the graph up to {@code v}.
     */
    public static double value(SDVariable v) {
        Args.notNull("v", v);
        INDArray a = v.getArr();
        if (a == null) {
            a = v.eval();
        }
        Args.check(a != null && a.length() == 1, "value(" + v.name() + ") is for scalars; " + v.name() + " has shape "
                + (a == null ? "unknown" : Arrays.toString(a.shape())) + " (reduce it first, e.g. with sum())");
        return a.getDouble(0);
    }

    /**
     * f(x) and f'(x): a new SameDiff graph in eager mode with {@code x} as a scalar double variable, the
     * program applied to it, and SameDiff's gradient of the output with respect to {@code x}. Where the output
     * does not depend on x (a branch that returns a constant, a comparison cast to a number) the derivative is 0,
     * which is what the executed ops give; SameDiff alone would refuse such a graph. A negative zero is
     * returned as 0.
     */
    public static ValueAndDerivative at(DiffProg f, double x) {
        Args.notNull("f", f);
        Args.finite("x", x);
        SameDiff sd = SameDiff.create().enableEagerMode();
        SDVariable in = sd.var(INPUT, Nd4j.scalar(x));
        SDVariable out = f.apply(in);
        Args.check(out != null, "the program returned null at x = " + x + ": return an SDVariable");
        Args.check(out.getSameDiff() == sd, "the program's output at x = " + x + " belongs to another SameDiff graph: "
                + "build it from its input (constants with x.getSameDiff().constant(...))");
        Args.check(out.dataType().isFPType(), "the program's output at x = " + x + " is " + out.dataType()
                + ", not a floating-point number: cast it, e.g. out.castTo(DataType.DOUBLE)");
        double value = value(out);
        // + 0·x: every output gets a floating-point path from x, with derivative 0 where it has no other
        SDVariable loss = (out.dataType() == DataType.DOUBLE ? out : out.castTo(DataType.DOUBLE)).add(in.mul(0.0));
        loss.markAsLoss();
        INDArray g = gradients(sd, null, INPUT).get(INPUT);
        return new ValueAndDerivative(x, value, g.getDouble(0) + 0.0);
    }

    /**
     * {@code sd.calculateGradients(placeholders, variables)}: the gradients of the graph's loss variables with
     * respect to the named variables. SameDiff 1.0.0-M2.1 prints a line to standard output for every op it
     * differentiates; that output is suppressed here (briefly redirecting {@code System.out}, so call it from
     * one thread at a time). An op without a derivative in SameDiff (the Switch/Merge/Enter/Exit ops of graph-level
     * {@code ifCond}/{@code whileLoop}, Where, Select) gives an {@link UnsupportedOperationException} that
     * names it.
     */
    public static Map<String, INDArray> gradients(SameDiff sd, Map<String, INDArray> placeholders, String... variables) {
        Args.notNull("sd", sd);
        Args.check(variables.length > 0, "gradients: name at least one variable");
        for (String v : variables) {
            Args.check(sd.hasVariable(v), "gradients: the graph has no variable \"" + v + "\"");
        }
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return sd.calculateGradients(placeholders, variables);
        } catch (UnsupportedOperationException e) {
            String msg = String.valueOf(e.getMessage());
            int at = msg.lastIndexOf("Op: ");
            String op = at < 0 ? msg : msg.substring(at + 4).replaceAll(".*\\.", "");
            throw new UnsupportedOperationException("SameDiff has no derivative for the op " + op + " in this graph, so it "
                    + "cannot differentiate it (graph-level ifCond/whileLoop build such ops; a graph per input point, as a "
                    + "DiffProg builds, or a masked select can be differentiated)", e);
        } finally {
            System.setOut(out);
        }
    }

    /**
     * What {@code sd} holds now: the number and total size in bytes (elements × element width) of the arrays of its
     * variables, constants and op outputs, and of those of every function defined in it (after
     * {@code calculateGradients}, the gradient function "grad", which keeps the backward pass's arrays), each array
     * counted once. A lazy graph holds only its variables and constants; a graph in eager mode also keeps every op's
     * output, as a PyTorch-style tape does. Use it to compare what a computation keeps, e.g. as a loop is unrolled
     * further: it counts arrays reachable from the graph, not all the memory the process uses.
     */
    public static HeldArrays held(SameDiff sd) {
        Args.notNull("sd", sd);
        Map<INDArray, Boolean> seen = new IdentityHashMap<>();
        long[] graph = count(sd, seen);
        long[] total = graph.clone();
        List<SameDiff> functions = new ArrayList<>();
        for (String name : sd.definedFunctionNames()) {
            functions.add(sd.getFunction(name));
        }
        for (SameDiff f : functions) {
            long[] c = count(f, seen);
            total[0] += c[0];
            total[1] += c[1];
        }
        return new HeldArrays((int) total[0], total[1], (int) graph[0], graph[1]);
    }

    private static long[] count(SameDiff sd, Map<INDArray, Boolean> seen) {
        long arrays = 0, bytes = 0;
        for (SDVariable v : sd.variables()) {
            INDArray a = v.getArr();          // what the graph stores for v; computes nothing
            if (a != null && !a.isEmpty() && seen.put(a, Boolean.TRUE) == null) {
                arrays++;
                bytes += a.length() * a.dataType().width();
            }
        }
        return new long[]{arrays, bytes};
    }
}
