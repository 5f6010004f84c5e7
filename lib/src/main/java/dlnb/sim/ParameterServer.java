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

    /** The schedule until {@code horizon} seconds (pushes at exactly the horizon included). */
    public static List<Update> until(double[] computeTimes, double horizon) {
        checkTimes(computeTimes);
        Args.nonNegative("horizon", horizon);
        return run(computeTimes, Integer.MAX_VALUE, horizon);
    }

    /** The first {@code count} updates the server applies. */
    public static List<Update> firstUpdates(double[] computeTimes, int count) {
        checkTimes(computeTimes);
        Args.nonNegative("count", count);
        return run(computeTimes, count, Double.POSITIVE_INFINITY);
    }

    private static void checkTimes(double[] computeTimes) {
        Args.notEmpty("computeTimes", computeTimes);
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
