package dlnb.autodiff;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static dlnb.autodiff.Autodiff.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutodiffTest {
    /** p(x) = 3x^3 - 2x^2 + x - 5, written as a program of SameDiff ops. */
    private static final DiffProg CUBIC = x -> x.mul(x).mul(x).mul(3).sub(x.mul(x).mul(2)).add(x).sub(5);

    @Test
    void aPolynomialsDerivativeIsExactAtDyadicPoints() {
        // at multiples of 1/8 every product and sum is exact in double arithmetic: no rounding to allow for
        for (int k = -40; k <= 40; k++) {
            double x = k / 8.0;
            ValueAndDerivative p = CUBIC.at(x);
            assertEquals(3 * x * x * x - 2 * x * x + x - 5, p.value(), 0, "p(" + x + ")");
            assertEquals(9 * x * x - 4 * x + 1, p.derivative(), 0, "p'(" + x + ")");
        }
    }

    @Test
    void aBranchFreeFunctionsDerivativeMatchesItsClosedForm() {
        // f(x) = sin(x) exp(-x^2/2): f'(x) = (cos x - x sin x) exp(-x^2/2)
        DiffProg f = x -> x.getSameDiff().math().sin(x).mul(x.getSameDiff().math().exp(x.mul(x).mul(-0.5)));
        for (double x = -3; x <= 3; x += 0.37) {
            double expected = (Math.cos(x) - x * Math.sin(x)) * Math.exp(-x * x / 2);
            assertEquals(expected, f.derivative(x), 1e-14, "f'(" + x + ")");
        }
    }

    @Test
    void theDerivativeIsThatOfTheBranchTheProgramRan() {
        DiffProg abs = x -> value(x) >= 0 ? x : x.neg();
        assertEquals(1, abs.derivative(0), 0, "x >= 0 takes the branch x");
        assertEquals(-1, abs.derivative(-0.5), 0);
        DiffProg loop = x -> {            // x halved while |x| >= 1: derivative 2^-k
            SDVariable z = x;
            while (Math.abs(value(z)) >= 1) {
                z = z.div(2);
            }
            return z;
        };
        assertEquals(0.125, loop.at(5).derivative(), 0);
        assertEquals(0.625, loop.at(5).value(), 0);
        assertEquals(1, loop.at(0.5).derivative(), 0);
    }

    @Test
    void anOutputThatDoesNotDependOnXHasDerivativeZero() {
        DiffProg constant = x -> value(x) > 0 ? x.getSameDiff().constant(1.0) : x.mul(2);
        assertEquals(new ValueAndDerivative(3, 1, 0), constant.at(3));
        assertEquals(2, constant.derivative(-3), 0);
        DiffProg compare = x -> x.gte(0.0).castTo(DataType.DOUBLE);   // no floating-point path from x
        assertEquals(new ValueAndDerivative(1, 1, 0), compare.at(1));
        DiffProg step = x -> x.getSameDiff().math().step(x, 0);        // SameDiff defines step' = 0
        ValueAndDerivative s = step.at(0);
        assertEquals(0, s.value(), 0);
        assertEquals(0, s.derivative(), 0);
        assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(step.at(-1).derivative()), "no negative zero");
    }

    @Test
    void valueWorksInLazyGraphsToo() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.scalar(3.0));
        assertEquals(10, value(x.mul(x).add(1)), 0);
        assertThrows(IllegalArgumentException.class, () -> value(sd.var("v", Nd4j.create(new double[]{1, 2}))));
    }

    @Test
    void gradientsPrintNothing() {
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured));
        try {
            CUBIC.at(1);
        } finally {
            System.setOut(old);
        }
        assertEquals("", captured.toString(), "SameDiff's 'Added differentiated op' lines are suppressed");
    }

    @Test
    void graphLevelControlFlowHasNoDerivativeAndSaysWhichOp() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.scalar(0.5));
        SDVariable y = sd.ifCond(s -> x.eq(0.0), s -> x.mul(897), s -> x.mul(x));
        assertEquals(0.25, y.eval().getDouble(0), 0, "the forward pass works");
        y.markAsLoss();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> Autodiff.gradients(sd, null, "x"));
        assertTrue(e.getMessage().startsWith("SameDiff has no derivative for the op Merge"), e.getMessage());
    }

    @Test
    void badProgramsGetClearMessages() {
        assertEquals("the program returned null at x = 1.0: return an SDVariable",
                assertThrows(IllegalArgumentException.class, () -> ((DiffProg) x -> null).at(1)).getMessage());
        SameDiff other = SameDiff.create();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ((DiffProg) x -> other.constant(1.0)).at(1))
                .getMessage().contains("belongs to another SameDiff graph"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ((DiffProg) x -> x.gte(0.0)).at(1))
                .getMessage().contains("is BOOL, not a floating-point number"));
        assertThrows(IllegalArgumentException.class, () -> CUBIC.at(Double.NaN));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Autodiff.gradients(SameDiff.create(), null, "w"))
                .getMessage().contains("no variable \"w\""));
    }

    @Test
    void heldCountsEveryArrayOfAGraphOnceInBytes() {
        SameDiff sd = SameDiff.create().enableEagerMode();
        SDVariable a = sd.var("a", Nd4j.ones(DataType.DOUBLE, 3, 4));           // 12 doubles: 96 bytes
        SDVariable b = sd.constant("b", Nd4j.ones(DataType.FLOAT, 2));           // 2 floats: 8 bytes
        SDVariable c = a.mul(2.0);                                               // eager: 12 doubles kept, 96 bytes
        HeldArrays before = Autodiff.held(sd);
        assertEquals(3, before.arrays());
        assertEquals(96 + 8 + 96, before.bytes());
        assertEquals(before.bytes(), before.graphBytes(), "no function defined yet");
        c.sum().markAsLoss();
        Autodiff.gradients(sd, null, "a");
        HeldArrays after = Autodiff.held(sd);
        assertEquals(96 + 8 + 96 + 8, after.graphBytes(), "the loss (a scalar double) joined the graph");
        assertTrue(after.bytes() > after.graphBytes(), "the gradient function holds arrays too: " + after);
    }

    @Test
    void aLazyGraphHoldsOnlyItsVariablesAndConstants() {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.var("a", Nd4j.ones(DataType.DOUBLE, 5));              // 40 bytes
        a.mul(3.0).add(1.0);
        assertEquals(new HeldArrays(1, 40, 1, 40), Autodiff.held(sd));
        assertThrows(IllegalArgumentException.class, () -> Autodiff.held(null));
    }
}
