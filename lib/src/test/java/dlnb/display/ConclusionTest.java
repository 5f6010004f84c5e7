package dlnb.display;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConclusionTest {
    @Test
    void fillsValuesWithTheirFormats() {
        Conclusion c = Conclusion.of("CLR reaches **{acc:%}** after {epochs} epochs ({n} images, loss {loss:.3}, lr {lr:g3}, gap {gap:+}).",
                "acc", 0.7583, "epochs", 4, "n", 143667240L, "loss", 0.40612, "lr", 0.0036412, "gap", 0.0231);
        assertEquals("CLR reaches **75.8%** after 4 epochs (143,667,240 images, loss 0.406, lr 0.00364, gap +0.0231).", c.markdown());
        assertEquals("1.5e-7", Conclusion.of("{x:g2}", "x", 1.5e-7).markdown());
        assertEquals("12.35%", Conclusion.of("{x:%.2}", "x", 0.12345).markdown());
        assertEquals("0.6667", Conclusion.of("{x}", "x", 2 / 3.0).markdown(), "4 significant digits by default");
        assertEquals("-3", Conclusion.of("{x:+}", "x", -3).markdown());
        assertEquals("yes", Conclusion.of("{b}", "b", true).markdown());
    }

    @Test
    void latexBracesAndUnknownNamesStayAsWritten() {
        Conclusion c = Conclusion.of("stops when $|x| < 10^{-6}$ after $k = {k}$ halvings, $\\frac{a}{b}$", "k", 21);
        assertEquals("stops when $|x| < 10^{-6}$ after $k = 21$ halvings, $\\frac{a}{b}$", c.markdown());
    }

    @Test
    void textIsEscapedSoItShowsAsWritten() {
        assertEquals("model \\*a\\_b\\* &lt;x&gt; \\| \\$5", Conclusion.of("model {m}", "m", "*a_b* <x> | $5").markdown());
    }

    @Test
    void mistakesAreErrorsNotBlanks() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Conclusion.of("{acx}", "acc", 0.5)).getMessage().contains("never uses [acc]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Conclusion.of("{a}", "a", Double.NaN)).getMessage().contains("NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Conclusion.of("{a}", "a")).getMessage().contains("pairs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Conclusion.of("{a:q}", "a", 1.0)).getMessage().contains("unknown format"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Conclusion.of("{a} {a}", "a", 1, "a", 2)).getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Conclusion.of("{a}", "a", new Object())).getMessage().contains("Object"));
    }

    @Test
    void showsAsMarkdownOutsideAKernelToo() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            Show.markdown(Conclusion.of("**{x}**", "x", 3));
        } finally {
            System.setOut(old);
        }
        assertEquals("**3**", out.toString(java.nio.charset.StandardCharsets.UTF_8).trim());
    }
}
