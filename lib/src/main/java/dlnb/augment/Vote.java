package dlnb.augment;

import dlnb.Args;

/**
 * Combining a classifier's outputs on {@code T} augmented copies of one image (test-time augmentation).
 * The outputs are softmax probabilities {@code p[t][c]}, stored copy after copy: {@code probs[offset + t * classes + c]}.
 *
 * <ul>
 *   <li><b>Hard (majority) vote</b>, {@link #hard}: every copy votes for its most probable class (the lowest
 *       index if two are equally probable); the class with the most votes wins. <b>Tie rule:</b> among the
 *       classes with the most votes, the one with the largest summed probability {@code sum_t p[t][c]} over all
 *       copies wins; if that is equal too, the lowest class index.</li>
 *   <li><b>Soft vote</b>, {@link #soft}: the class with the largest mean probability {@code (1/T) sum_t p[t][c]}
 *       (lowest index on equality).</li>
 * </ul>
 */
public final class Vote {
    private Vote() {
    }

    /** The most probable class of one copy (lowest index on equality). */
    public static int argmax(float[] probs, int offset, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (probs[offset + c] > probs[offset + best]) {
                best = c;
            }
        }
        return best;
    }

    /** Majority vote over {@code copies} copies, ties broken by summed probability, then by lowest index. */
    public static int hard(float[] probs, int offset, int copies, int classes) {
        check(probs, offset, copies, classes);
        int best = -1, bestVotes = -1;
        double bestSum = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            int votes = votes(probs, offset, copies, classes, c);
            double sum = votes == 0 ? Double.NEGATIVE_INFINITY : sum(probs, offset, copies, classes, c);
            if (votes > bestVotes || (votes == bestVotes && sum > bestSum)) {
                best = c;
                bestVotes = votes;
                bestSum = sum;
            }
        }
        return best;
    }

    /** Whether the majority vote is tied (two or more classes share the most votes), so the tie rule decides. */
    public static boolean tied(float[] probs, int offset, int copies, int classes) {
        check(probs, offset, copies, classes);
        int most = 0, holders = 0;
        for (int c = 0; c < classes; c++) {
            int v = votes(probs, offset, copies, classes, c);
            if (v > most) {
                most = v;
                holders = 1;
            } else if (v == most && v > 0) {
                holders++;
            }
        }
        return holders > 1;
    }

    /** The class with the largest mean probability over the copies (lowest index on equality). */
    public static int soft(float[] probs, int offset, int copies, int classes) {
        check(probs, offset, copies, classes);
        int best = 0;
        double bestSum = sum(probs, offset, copies, classes, 0);
        for (int c = 1; c < classes; c++) {
            double s = sum(probs, offset, copies, classes, c);
            if (s > bestSum) {
                best = c;
                bestSum = s;
            }
        }
        return best;
    }

    private static int votes(float[] probs, int offset, int copies, int classes, int c) {
        int n = 0;
        for (int t = 0; t < copies; t++) {
            if (argmax(probs, offset + t * classes, classes) == c) {
                n++;
            }
        }
        return n;
    }

    private static double sum(float[] probs, int offset, int copies, int classes, int c) {
        double s = 0;
        for (int t = 0; t < copies; t++) {
            s += probs[offset + t * classes + c];
        }
        return s;
    }

    private static void check(float[] probs, int offset, int copies, int classes) {
        Args.notNull("probs", probs);
        Args.positive("copies", copies);
        Args.positive("classes", classes);
        if (offset < 0 || (long) offset + (long) copies * classes > probs.length) { // message built only on failure
            throw new IllegalArgumentException("probs must hold copies * classes = " + copies * classes + " values from offset " + offset
                    + ", but has length " + probs.length);
        }
    }
}
