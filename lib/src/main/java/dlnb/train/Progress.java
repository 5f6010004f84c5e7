package dlnb.train;

import dlnb.Args;
import dlnb.display.MimeBundle;
import dlnb.display.Show;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A progress bar for loops and training: done/total, rate, elapsed time, ETA and the latest metrics
 * (loss...). In a notebook it is one output updated in place, at most a few times a second, so an
 * executed or exported notebook keeps only its final state; outside a kernel it prints a plain line
 * every {@link #CONSOLE_INTERVAL_NANOS} and at the end.
 *
 * <pre>{@code
 * try (Progress bar = Progress.start("epoch 1", batches, "batches")) {
 *     for (...) { ...; bar.step(); bar.metric("loss", loss); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    static final long NOTEBOOK_INTERVAL_NANOS = 250_000_000L;
    static final long CONSOLE_INTERVAL_NANOS = 10_000_000_000L;
    private static final int BAR_CELLS = 24;

    private final String label;
    private final long total;
    private final String unit;
    private final LongSupplier clock;
    private final boolean inKernel;
    private final long startNanos;
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private String displayId;
    long done; // package-private for tests
    private long lastShownNanos;
    private boolean closed;
    private final boolean silent;

    Progress(String label, long total, String unit, LongSupplier clock, boolean inKernel) {
        this(label, total, unit, clock, inKernel, false);
    }

    private Progress(String label, long total, String unit, LongSupplier clock, boolean inKernel, boolean silent) {
        this.silent = silent;
        this.label = Args.notNull("label", label);
        this.total = Args.positive("total", total);
        this.unit = Args.notBlank("unit", unit);
        this.clock = clock;
        this.inKernel = inKernel;
        this.startNanos = clock.getAsLong();
        this.lastShownNanos = startNanos;
        if (inKernel && !silent) {
            displayId = Show.bundle(bundle());
        }
    }

    /** Starts a bar over {@code total} items called {@code unit} ("epochs", "batches", "draws"). */
    public static Progress start(String label, long total, String unit) {
        return new Progress(label, total, unit, System::nanoTime, Show.inKernel());
    }

    /**
     * A bar that counts like {@link #start} but shows nothing, neither in a notebook nor on the console: for
     * loops that run many short trainings under one bar of their own (see {@code Trainer.quiet()}).
     */
    public static Progress silent(String label, long total, String unit) {
        return new Progress(label, total, unit, System::nanoTime, false, true);
    }

    /** One more item done. */
    public Progress step() {
        return step(1);
    }

    public Progress step(long items) {
        Args.check(items >= 0, "items must be zero or more, got " + items);
        done = Math.min(total, done + items);
        refresh(false);
        return this;
    }

    /** Records the latest value of a metric, shown beside the bar ("loss 0.3124"). */
    public Progress metric(String name, double value) {
        metrics.put(Args.notBlank("name", name), value);
        return this;
    }

    public long done() {
        return done;
    }

    public double elapsedSeconds() {
        return (clock.getAsLong() - startNanos) / 1e9;
    }

    /** Shows the final state (once). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            refresh(true);
        }
    }

    private void refresh(boolean last) {
        if (silent) {
            return;
        }
        long now = clock.getAsLong();
        long interval = inKernel ? NOTEBOOK_INTERVAL_NANOS : CONSOLE_INTERVAL_NANOS;
        if (!last && done < total && now - lastShownNanos < interval) {
            return;
        }
        if (!last && !inKernel && done == total) {
            return; // the console line for completion is printed once, by close()
        }
        lastShownNanos = now;
        if (inKernel) {
            Show.update(displayId, bundle());
        } else {
            System.out.println(line());
        }
    }

    /** The plain-text form, e.g. "training  120/300 batches  40%  85.2 batches/s  1.4 s, ETA 2.1 s  loss 0.3124". */
    public String line() {
        double elapsed = elapsedSeconds();
        double rate = elapsed > 0 ? done / elapsed : 0;
        StringBuilder sb = new StringBuilder();
        if (!label.isEmpty()) {
            sb.append(label).append("  ");
        }
        sb.append(done).append('/').append(total).append(' ').append(unit)
                .append(String.format(Locale.ROOT, "  %3d%%", (int) (100 * done / total)));
        if (done > 0) {
            sb.append("  ").append(formatRate(rate)).append(' ').append(unit).append("/s");
        }
        sb.append("  ").append(formatDuration(elapsed));
        if (done < total && done > 0) {
            sb.append(", ETA ").append(formatDuration((total - done) / rate));
        }
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            sb.append("  ").append(m.getKey()).append(' ').append(formatMetric(m.getValue()));
        }
        return sb.toString();
    }

    private MimeBundle bundle() {
        int filled = (int) (BAR_CELLS * done / total);
        String html = "<div style=\"font-family:monospace;white-space:pre\">"
                + "<span style=\"display:inline-block;width:16em;height:0.9em;border:1px solid #999;vertical-align:middle\">"
                + "<span style=\"display:block;height:100%;width:" + (100 * done / total) + "%;background:#4c8bf5\"></span></span> "
                + line().replace("&", "&amp;").replace("<", "&lt;") + "</div>";
        String text = "[" + "#".repeat(filled) + ".".repeat(BAR_CELLS - filled) + "] " + line();
        return new MimeBundle().put(MimeBundle.HTML, html).put(MimeBundle.PLAIN, text);
    }

    static String formatDuration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }

    static String formatRate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond) : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String formatMetric(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
