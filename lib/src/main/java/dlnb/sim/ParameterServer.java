package dlnb.sim;

import dlnb.Args;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Discrete-event simulation of an asynchronous parameter server: every learner pulls the weights at
 * t = 0, computes one gradient in its fixed compute time, pushes it (the server applies it at once)
 * and pulls the new weights immediately, over and over.
 *
 * <p>Tie rule: pushes at the same instant are applied in learner order (learner 1 before learner 2),
 * and each push-then-pull happens as one step, so a learner that pushes at t pulls the weights
 * including its own update but not those of learners that push at the same t after it.
 *
 * <p>Push times are computed as k * computeTime (not by adding computeTime up), so pushes that are
 * simultaneous on paper (1 s x 5 and 2.5 s x 2) are simultaneous here too.
 */
public final class ParameterServer {
    private ParameterServer() {
    }

    /**
     * One update as the server applies it. {@code version} is the number of updates applied after it
     * (1 for the first); the gradient was computed on the weights of version {@code pulledVersion}, so
     * {@code staleness = version - 1 - pulledVersion} updates were applied between its pull and its push.
     * Learners are numbered from 1.
     */
    public record Update(int version, int learner, int round, double pullTime, double pushTime, int pulledVersion) {
        public int staleness() {
            return version - 1 - pulledVersion;
        }
    }

    /**
     * The most updates one simulation produces (each is a record in a list: 10 million take about 500 MB).
     * A request for more is refused with a message rather than running out of memory after minutes.
     */
    public static final int MAX_UPDATES = 10_000_000;

    /** The schedule until {@code horizon} seconds (pushes at exactly the horizon included); at most {@link #MAX_UPDATES}. */
    public static List<Update> until(double[] computeTimes, double horizon) {
        checkTimes(computeTimes);
        Args.nonNegative("horizon", horizon);
        // learner l pushes floor(horizon / t_l) times: count them before simulating
        double expected = 0;
        for (double t : computeTimes) {
            expected += Math.floor(horizon / t);
        }
        if (expected > MAX_UPDATES) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the schedule until %s s would have %.4g updates, more than the %,d a simulation may hold"
                            + " (ParameterServer.MAX_UPDATES); shorten the horizon or lengthen the compute times", horizon, expected, MAX_UPDATES));
        }
        return run(computeTimes, MAX_UPDATES + 1, horizon);
    }

    /** The first {@code count} updates the server applies; {@code count} at most {@link #MAX_UPDATES}. */
    public static List<Update> firstUpdates(double[] computeTimes, int count) {
        checkTimes(computeTimes);
        Args.nonNegative("count", count);
        Args.check(count <= MAX_UPDATES, "count must be at most ParameterServer.MAX_UPDATES = " + MAX_UPDATES
                + " (a simulation of that many updates already takes about 500 MB), got " + count);
        return run(computeTimes, count, Double.POSITIVE_INFINITY);
    }

    private static void checkTimes(double[] computeTimes) {
        Args.notEmpty("computeTimes", computeTimes);
        Args.check(computeTimes.length <= MAX_UPDATES, "computeTimes lists " + computeTimes.length + " learners, more than "
                + MAX_UPDATES + " (ParameterServer.MAX_UPDATES)");
        for (int i = 0; i < computeTimes.length; i++) {
            Args.positive("computeTimes[" + i + "]", computeTimes[i]);
        }
    }

    /** A learner's next push: its time, the learner (0-based) and which of its rounds it ends. */
    private record Push(double time, int learner, int round) {
    }

    private static List<Update> run(double[] computeTimes, int maxUpdates, double horizon) {
        PriorityQueue<Push> queue = new PriorityQueue<>((a, b) -> a.time() != b.time()
                ? Double.compare(a.time(), b.time()) : Integer.compare(a.learner(), b.learner()));
        int[] pulledVersion = new int[computeTimes.length];
        double[] pullTime = new double[computeTimes.length];
        for (int l = 0; l < computeTimes.length; l++) {
            queue.add(new Push(computeTimes[l], l, 1));
        }
        List<Update> updates = new ArrayList<>();
        int version = 0;
        while (updates.size() < maxUpdates) {
            Push push = queue.poll();
            if (push.time() > horizon) {
                break;
            }
            if (version == MAX_UPDATES) { // floating-point rounding can put a few more pushes at the horizon than counted
                throw new IllegalArgumentException("the simulation reached ParameterServer.MAX_UPDATES = " + MAX_UPDATES
                        + " updates before the horizon " + horizon + " s; shorten the horizon");
            }
            int l = push.learner();
            version++;
            updates.add(new Update(version, l + 1, push.round(), pullTime[l], push.time(), pulledVersion[l]));
            pulledVersion[l] = version;
            pullTime[l] = push.time();
            queue.add(new Push((push.round() + 1) * computeTimes[l], l, push.round() + 1));
        }
        return List.copyOf(updates);
    }
}
