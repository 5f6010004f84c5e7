package dlnb.train;

import dlnb.Args;
import dlnb.data.EpochBatches;
import dlnb.runtime.Dl4jRuntime;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.Locale;

/**
 * A training loop that records a {@link History}: every iteration's loss and learning rate, and after
 * every epoch the loss and accuracy (in inference mode) on validation data and, if given, on
 * training-evaluation data. One progress bar per run, in batches.
 *
 * <pre>{@code
 * History h = Trainer.of(net).epochs(5).validation(test.batches(500)).name("triangular").fit(train.batches(64).shuffled("order"));
 * History range = Trainer.of(net).iterations(300).divergenceFactor(4).evaluateEvery(25, test.batches(256))
 *         .name("LR range test").fit(trainBatches);
 * }</pre>
 *
 * <p>A {@link MultiLayerNetwork} of dense layers (an MLP with softmax output, SGD, Nesterov momentum or
 * Adam: see {@link DenseStep#unsupported}) trains through {@link DenseStep}, which computes what
 * {@code net.fit} computes in plain Java, 10-100x faster at small batches; its parameters are written back
 * before every evaluation and when {@code fit} returns, and it runs on one native thread (its OpenBLAS
 * products of a 784 x 64 layer took 80 us at batch 64 on one thread against 100 on two, measured on 2
 * cores; the previous thread count is restored after {@code fit}). {@link #fastPath(boolean) fastPath(false)}
 * trains with {@code net.fit} instead.
 *
 * <p>A loss that becomes NaN or infinite (or, with {@link #divergenceFactor}, grows beyond a multiple of
 * the lowest loss seen) stops the run without throwing: an LR range test is meant to diverge. The
 * history keeps every step up to that point and {@link History#stopReason()} says where it happened.
 */
public final class Trainer {
    private final Object model;
    private boolean fastPath = true;
    private int epochs = 1;
    private boolean epochsSet;
    private int maxIterations = Integer.MAX_VALUE;
    private DataSetIterator validation;
    private DataSetIterator trainEvaluation;
    private double divergenceFactor = Double.POSITIVE_INFINITY;
    private int checkEvery;
    private DataSetIterator checkData;
    private String name = "training";
    private boolean quiet;

    private Trainer(Object model) {
        Network.of(model); // checks the network's kind now, not at fit
        this.model = model;
    }

    public static Trainer of(MultiLayerNetwork net) {
        return new Trainer(Args.notNull("net", net));
    }

    public static Trainer of(ComputationGraph net) {
        return new Trainer(Args.notNull("net", net));
    }

    /**
     * Whether a dense network trains through {@link DenseStep} (default true; ignored for networks it does
     * not support). Both paths give the same parameters up to float rounding.
     */
    public Trainer fastPath(boolean enabled) {
        fastPath = enabled;
        return this;
    }

    /** How {@link #fit} will train this network: "DL4J fit" or "DenseStep". */
    public String trainingPath() {
        return Network.of(model, fastPath).trainingPath();
    }

    /** Number of passes over the training data (1 by default). */
    public Trainer epochs(int epochs) {
        this.epochs = Args.positive("epochs", epochs);
        epochsSet = true;
        return this;
    }

    /** Stops after this many iterations; without {@link #epochs} it runs as many epochs as that takes. */
    public Trainer iterations(int iterations) {
        maxIterations = Args.positive("iterations", iterations);
        return this;
    }

    /** Data evaluated after every epoch for validation loss and accuracy. */
    public Trainer validation(DataSetIterator data) {
        validation = Args.notNull("data", data);
        return this;
    }

    /** Data (typically the training set, unshuffled, or a subset) evaluated after every epoch for training loss and accuracy. */
    public Trainer trainEvaluation(DataSetIterator data) {
        trainEvaluation = Args.notNull("data", data);
        return this;
    }

    /**
     * Also evaluates {@code data} (loss and accuracy, inference mode) after every {@code iterations} steps,
     * recorded as {@link History#checks()}: e.g. test accuracy along an LR range test. Costs one evaluation
     * per check, nothing on the other steps.
     */
    public Trainer evaluateEvery(int iterations, DataSetIterator data) {
        checkEvery = Args.positive("iterations", iterations);
        checkData = Args.notNull("data", data);
        return this;
    }

    /** Also stop when a batch loss exceeds {@code factor} times the lowest loss so far (e.g. 4 in an LR range test). */
    public Trainer divergenceFactor(double factor) {
        Args.check(factor > 1, "factor must be greater than 1, got " + factor);
        divergenceFactor = factor;
        return this;
    }

    /**
     * No progress bar and no printed line when the loss diverges (the history still records it): for loops
     * that call {@code fit} many times, one pass at a time, and show one bar of their own.
     */
    public Trainer quiet() {
        quiet = true;
        return this;
    }

    /** Name of the run, shown on the progress bar, tables and charts. */
    public Trainer name(String name) {
        this.name = Args.notBlank("name", name);
        return this;
    }

    /** Trains on {@code train} and returns what happened. */
    public History fit(DataSetIterator train) {
        Args.notNull("train", train);
        Args.check(train.resetSupported(), "train must support reset(), got " + train.getClass().getSimpleName());
        Network net = Network.of(model, fastPath);
        int previousThreads = "DenseStep".equals(net.trainingPath()) ? Dl4jRuntime.useThreads(1) : 0;
        try {
            return fit(net, train);
        } finally {
            net.sync();
            if (previousThreads > 0) {
                Dl4jRuntime.useThreads(previousThreads);
            }
        }
    }

    private History fit(Network net, DataSetIterator train) {
        int perEpoch = batchesPerEpoch(train);
        int epochLimit = epochsSet || maxIterations == Integer.MAX_VALUE ? epochs : (maxIterations + perEpoch - 1) / perEpoch;
        long total = Math.min((long) epochLimit * perEpoch, maxIterations);
        History history = new History(name);
        int iteration = 0;
        double lowest = Double.POSITIVE_INFINITY;
        String reason = null;
        try (Progress bar = quiet ? Progress.silent(name, total, "batches") : Progress.start(name, total, "batches")) {
            for (int epoch = 0; epoch < epochLimit && reason == null; epoch++) {
                long started = System.nanoTime();
                train.reset();
                double lossSum = 0;
                int batches = 0;
                while (train.hasNext()) {
                    DataSet batch = train.next();
                    double lr = net.learningRate();
                    net.fit(batch);
                    double loss = net.score();
                    History.Step step = new History.Step(iteration, epoch, lr, loss);
                    history.add(step);
                    iteration++;
                    bar.step();
                    bar.metric("loss", loss);
                    if (!Double.isFinite(loss) || loss > divergenceFactor * lowest) {
                        reason = String.format(Locale.ROOT, "diverged at iteration %d (epoch %d, learning rate %.4g): loss %s",
                                step.iteration(), epoch + 1, lr, Double.isFinite(loss)
                                        ? String.format(Locale.ROOT, "%.4g > %.3g x lowest loss %.4g", loss, divergenceFactor, lowest)
                                        : "is " + loss);
                        history.stopped(reason, step);
                        if (!quiet) {
                            System.out.println(name + ": " + reason + "; stopped, history kept");
                        }
                        break;
                    }
                    lowest = Math.min(lowest, loss);
                    if (checkEvery > 0 && iteration % checkEvery == 0) {
                        Evaluate.Result c = Evaluate.on(net, checkData);
                        history.add(new History.Check(iteration, epoch, lr, c.loss(), c.accuracy()));
                    }
                    lossSum += loss;
                    batches++;
                    if (iteration >= maxIterations) {
                        reason = "stopped at the iteration limit (" + maxIterations + ")";
                        break;
                    }
                }
                if (history.diverged()) {
                    break; // the parameters are no longer meaningful: no evaluation of this epoch
                }
                net.incrementEpoch();
                double seconds = (System.nanoTime() - started) / 1e9;
                Evaluate.Result t = trainEvaluation == null ? null : Evaluate.on(net, trainEvaluation);
                Evaluate.Result v = validation == null ? null : Evaluate.on(net, validation);
                history.add(new History.Epoch(epoch, batches == 0 ? Double.NaN : lossSum / batches,
                        t == null ? Double.NaN : t.loss(), t == null ? Double.NaN : t.accuracy(),
                        v == null ? Double.NaN : v.loss(), v == null ? Double.NaN : v.accuracy(), seconds));
                if (v != null) {
                    bar.metric("val acc", v.accuracy());
                }
            }
        }
        if (!history.diverged()) {
            history.stopped(reason != null ? reason : "completed " + history.epochs().size() + " epochs", null);
        }
        return history;
    }

    /** Batches per epoch: known for the helper's iterators ({@link EpochBatches}), else counted by one pass over the iterator. */
    private static int batchesPerEpoch(DataSetIterator train) {
        if (train instanceof EpochBatches b) {
            return b.batchesPerEpoch();
        }
        train.reset();
        int n = 0;
        while (train.hasNext()) {
            train.next();
            n++;
        }
        train.reset();
        Args.check(n > 0, "train must yield at least one batch");
        return n;
    }
}
