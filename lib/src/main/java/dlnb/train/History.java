package dlnb.train;

import dlnb.Args;
import dlnb.plot.Plot;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a training run recorded: loss and learning rate of every iteration, loss and accuracy after
 * every epoch, and why the run stopped. Tables for {@code Show.table}, charts for {@code Show.chart}.
 */
public final class History {
    /** One training step: run-local iteration (from 0), epoch, learning rate used, batch loss (DL4J's score). */
    public record Step(int iteration, int epoch, double learningRate, double loss) {
    }

    /**
     * After one epoch: mean batch loss during the epoch, then loss and accuracy in inference mode on the
     * training-evaluation and validation data (NaN where none was given), and seconds spent training.
     */
    public record Epoch(int epoch, double meanBatchLoss, double trainLoss, double trainAccuracy,
                        double validationLoss, double validationAccuracy, double seconds) {
    }

    /** An evaluation during training (see {@code Trainer.evaluateEvery}): after {@code iterations} steps, at the rate last used. */
    public record Check(int iterations, int epoch, double learningRate, double loss, double accuracy) {
    }

    private final String name;
    private final List<Step> steps = new ArrayList<>();
    private final List<Epoch> epochs = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private Step divergedAt;
    private String stopReason = "not run";

    public History(String name) {
        this.name = Args.notNull("name", name);
    }

    public String name() {
        return name;
    }

    public List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }

    public List<Epoch> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** Evaluations made every few iterations, if the trainer was asked for them. */
    public List<Check> checks() {
        return Collections.unmodifiableList(checks);
    }

    /** The last completed epoch's record. */
    public Optional<Epoch> lastEpoch() {
        return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
    }

    /** Whether the run stopped because the loss became NaN, infinite, or exceeded the divergence limit. */
    public boolean diverged() {
        return divergedAt != null;
    }

    /** The step at which the loss diverged. */
    public Optional<Step> divergence() {
        return Optional.ofNullable(divergedAt);
    }

    /** A sentence: completed, stopped at the iteration limit, or where and at which learning rate it diverged. */
    public String stopReason() {
        return stopReason;
    }

    public double[] losses() {
        return steps.stream().mapToDouble(Step::loss).toArray();
    }

    public double[] learningRates() {
        return steps.stream().mapToDouble(Step::learningRate).toArray();
    }

    void add(Step step) {
        steps.add(step);
    }

    void add(Epoch epoch) {
        epochs.add(epoch);
    }

    void add(Check check) {
        checks.add(check);
    }

    void stopped(String reason, Step diverged) {
        stopReason = reason;
        divergedAt = diverged;
    }

    /** One row per iteration: iteration, epoch, learning_rate, loss. */
    public Table stepTable() {
        return Table.create(name + ": iterations",
                IntColumn.create("iteration", steps.stream().mapToInt(Step::iteration).toArray()),
                IntColumn.create("epoch", steps.stream().mapToInt(Step::epoch).toArray()),
                DoubleColumn.create("learning_rate", learningRates()),
                DoubleColumn.create("loss", losses()));
    }

    /** One row per epoch. */
    public Table epochTable() {
        return Table.create(name + ": epochs",
                IntColumn.create("epoch", epochs.stream().mapToInt(Epoch::epoch).toArray()),
                DoubleColumn.create("mean_batch_loss", epochs.stream().mapToDouble(Epoch::meanBatchLoss).toArray()),
                DoubleColumn.create("train_loss", epochs.stream().mapToDouble(Epoch::trainLoss).toArray()),
                DoubleColumn.create("train_accuracy", epochs.stream().mapToDouble(Epoch::trainAccuracy).toArray()),
                DoubleColumn.create("validation_loss", epochs.stream().mapToDouble(Epoch::validationLoss).toArray()),
                DoubleColumn.create("validation_accuracy", epochs.stream().mapToDouble(Epoch::validationAccuracy).toArray()),
                DoubleColumn.create("seconds", epochs.stream().mapToDouble(Epoch::seconds).toArray()));
    }

    /** Batch loss against iteration; for one run also the end-of-epoch losses it measured (training evaluation, validation). */
    public Plot lossChart() {
        return lossChart(this);
    }

    /** Accuracy (training evaluation and validation, where measured) against epoch. */
    public Plot accuracyChart() {
        return accuracyChart(this);
    }

    /**
     * Batch loss against learning rate on a log axis: the picture of an LR range test. Losses far above
     * the start (more than 4 times the first loss) are cut off so the useful range stays readable.
     */
    public Plot lossVsLearningRateChart() {
        Plot plot = Plot.lines(name + ": loss vs learning rate", "learning rate (log scale)", "batch loss").logX();
        double[][] xy = finite(learningRates(), losses(), true);
        if (xy[0].length == 0) {
            return plot;
        }
        plot.series(name, xy[0], xy[1]);
        double first = xy[1][0];
        double top = Arrays.stream(xy[1]).max().orElse(first);
        return plot.yRange(0, first > 0 && top > 4 * first ? 4 * first : Math.max(top, 1e-12) * 1.05);
    }

    /** Batch loss against iteration for several runs on one chart. */
    public static Plot lossChart(History... runs) {
        Plot plot = Plot.lines(runs.length == 1 ? runs[0].name + ": training loss" : "training loss", "iteration", "loss");
        for (History h : runs) {
            double[] it = h.steps.stream().mapToDouble(Step::iteration).toArray();
            addSeries(plot, runs.length == 1 ? "batch loss" : h.name, it, h.losses(), false);
        }
        if (runs.length == 1) {
            History h = runs[0];
            double[] end = h.epochs.stream().mapToDouble(h::iterationsThrough).toArray();
            addSeries(plot, "training loss (end of epoch)", end, h.epochs.stream().mapToDouble(Epoch::trainLoss).toArray(), true);
            addSeries(plot, "validation loss (end of epoch)", end, h.epochs.stream().mapToDouble(Epoch::validationLoss).toArray(), true);
        }
        return plot;
    }

    /** Accuracy against epoch for several runs on one chart (validation solid; training evaluation too when measured). */
    public static Plot accuracyChart(History... runs) {
        Plot plot = Plot.lines(runs.length == 1 ? runs[0].name + ": accuracy" : "accuracy", "epoch", "accuracy");
        for (History h : runs) {
            double[] ep = h.epochs.stream().mapToDouble(e -> e.epoch() + 1).toArray();
            String prefix = runs.length == 1 ? "" : h.name + ", ";
            addSeries(plot, prefix + "training", ep, h.epochs.stream().mapToDouble(Epoch::trainAccuracy).toArray(), true);
            addSeries(plot, prefix + "validation", ep, h.epochs.stream().mapToDouble(Epoch::validationAccuracy).toArray(), true);
        }
        return plot;
    }

    /** Learning rate against iteration (to show a schedule). */
    public Plot learningRateChart() {
        return Plot.lines(name + ": learning rate", "iteration", "learning rate")
                .series(name, steps.stream().mapToDouble(Step::iteration).toArray(), learningRates());
    }

    /** Iterations run up to the end of the given epoch record (where its end-of-epoch values sit on an iteration axis). */
    private double iterationsThrough(Epoch e) {
        return steps.stream().filter(s -> s.epoch() <= e.epoch()).count();
    }

    private static void addSeries(Plot plot, String series, double[] x, double[] y, boolean markers) {
        double[][] xy = finite(x, y, false);
        if (xy[0].length == 0) {
            return; // nothing measured (e.g. no validation data): no empty series in the legend
        }
        plot.series(series, xy[0], xy[1]);
        if (markers) {
            plot.withMarkers();
        }
    }

    /** The (x, y) pairs where both are finite (and x positive for a log axis). */
    static double[][] finite(double[] x, double[] y, boolean positiveX) {
        double[] fx = new double[x.length];
        double[] fy = new double[y.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (!positiveX || x[i] > 0)) {
                fx[n] = x[i];
                fy[n++] = y[i];
            }
        }
        return new double[][]{Arrays.copyOf(fx, n), Arrays.copyOf(fy, n)};
    }

    @Override
    public String toString() {
        return name + ": " + steps.size() + " iterations, " + epochs.size() + " epochs; " + stopReason;
    }
}
