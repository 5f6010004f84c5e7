package dlnb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArgsTest {
    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void messagesNameTheParameterAndTheValue() {
        assertEquals("epochs must be positive, got 0", message(() -> Args.positive("epochs", 0)));
        assertEquals("noise must be a finite number, zero or more, got -0.1", message(() -> Args.nonNegative("noise", -0.1)));
        assertEquals("n must be at least 2, got 1", message(() -> Args.atLeast("n", 1, 2)));
        assertEquals("p must be in [0.0, 1.0], got 1.5", message(() -> Args.inRange("p", 1.5, 0, 1)));
        assertEquals("lr must be a positive finite number, got NaN", message(() -> Args.positive("lr", Double.NaN)));
        assertEquals("x and y must have the same length, got 3 and 4", message(() -> Args.sameLength("x", 3, "y", 4)));
        assertEquals("name must not be empty, got \" \"", message(() -> Args.notBlank("name", " ")));
        assertEquals("data must not be null", message(() -> Args.notNull("data", null)));
        assertEquals("items must not be empty", message(() -> Args.notEmpty("items", List.of())));
    }

    @Test
    void validValuesPassThrough() {
        assertEquals(3, Args.positive("n", 3));
        assertEquals(0.0, Args.nonNegative("noise", 0.0));
        assertEquals(0.5, Args.inRange("p", 0.5, 0, 1));
    }
}
