package dlnb.train;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void lineShowsCountRateElapsedEtaAndMetrics() {
        AtomicLong clock = new AtomicLong(0);
        Progress p = new Progress("train", 10, "batches", clock::get, false);
        clock.set(5 * SECOND / 2);
        p.metric("loss", 0.5);
        p.done = 5;
        assertEquals("train  5/10 batches   50%  2.0 batches/s  2.5 s, ETA 2.5 s  loss 0.5000", p.line());
    }

    @Test
    void headlessPrintsSparseLinesAndOneFinalLine() {
        AtomicLong clock = new AtomicLong(0);
        String printed = capture(() -> {
            try (Progress p = new Progress("run", 100, "steps", clock::get, false)) {
                for (int i = 0; i < 100; i++) {
                    clock.addAndGet(SECOND / 4); // 25 s in all: lines at 10 s and 20 s, then the final one
                    p.step();
                }
            }
        });
        String[] lines = printed.split("\n");
        assertEquals(3, lines.length, printed);
        assertEquals("run  100/100 steps  100%  4.0 steps/s  25.0 s", lines[2]);
    }

    @Test
    void durationsAndRatesReadNaturally() {
        assertEquals("59.5 s", Progress.formatDuration(59.5));
        assertEquals("1m 05s", Progress.formatDuration(65));
        assertEquals("2h 01m", Progress.formatDuration(7260));
        assertEquals("?", Progress.formatDuration(Double.POSITIVE_INFINITY));
        assertEquals("1,235", Progress.formatRate(1234.6));
        assertEquals("1.000e-04", Progress.formatMetric(1e-4));
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("total must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Progress("x", 0, "steps", System::nanoTime, false)).getMessage());
        Progress p = new Progress("x", 3, "steps", System::nanoTime, false);
        assertEquals("items must be zero or more, got -1", assertThrows(IllegalArgumentException.class, () -> p.step(-1)).getMessage());
    }

    private static String capture(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
