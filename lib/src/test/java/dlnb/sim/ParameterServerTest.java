package dlnb.sim;

import dlnb.sim.ParameterServer.Update;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterServerTest {

    private static final double[] TWO_LEARNERS = {1.0, 2.5};

    @Test
    void twoLearnerScheduleMatchesTheHandTimeline() {
        // By hand, until t = 7.5 (learner 1 pushes at 1,2,...,7; learner 2 at 2.5, 5, 7.5):
        // v1 L1 t=1 pulled v0 s0 | v2 L1 t=2 pulled v1 s0 | v3 L2 t=2.5 pulled v0 s2 (v1, v2 in between)
        // v4 L1 t=3 pulled v2 s1 (v3) | v5 L1 t=4 pulled v4 s0 | v6 L1 t=5 pulled v5 s0 (tie: L1 first)
        // v7 L2 t=5 pulled v3 s3 (v4, v5, v6) | v8 L1 t=6 pulled v6 s1 (v7) | v9 L1 t=7 pulled v8 s0
        // v10 L2 t=7.5 pulled v7 s2 (v8, v9)
        List<Update> u = ParameterServer.until(TWO_LEARNERS, 7.5);
        int[] learner = {1, 1, 2, 1, 1, 1, 2, 1, 1, 2};
        double[] push = {1, 2, 2.5, 3, 4, 5, 5, 6, 7, 7.5};
        int[] staleness = {0, 0, 2, 1, 0, 0, 3, 1, 0, 2};
        int[] pulled = {0, 1, 0, 2, 4, 5, 3, 6, 8, 7};
        assertEquals(10, u.size());
        for (int i = 0; i < u.size(); i++) {
            assertEquals(i + 1, u.get(i).version());
            assertEquals(learner[i], u.get(i).learner(), "update " + (i + 1));
            assertEquals(push[i], u.get(i).pushTime(), 0, "update " + (i + 1));
            assertEquals(pulled[i], u.get(i).pulledVersion(), "update " + (i + 1));
            assertEquals(staleness[i], u.get(i).staleness(), "update " + (i + 1));
        }
        assertEquals(2.5, u.get(6).pullTime(), 0);
        assertEquals(2, u.get(6).round());
    }

    @Test
    void tieAtTheSameInstantAppliesTheLowerNumberedLearnerFirst() {
        List<Update> u = ParameterServer.until(TWO_LEARNERS, 5);
        Update sixth = u.get(5);
        Update seventh = u.get(6);
        assertEquals(5, sixth.pushTime(), 0);
        assertEquals(5, seventh.pushTime(), 0);
        assertEquals(1, sixth.learner());
        assertEquals(2, seventh.learner());
        // with equal compute times the learners alternate 1, 2, 1, 2 and each push misses the other's one
        List<Update> equal = ParameterServer.firstUpdates(new double[]{1, 1}, 4);
        assertEquals(List.of(1, 2, 1, 2), equal.stream().map(Update::learner).toList());
        assertEquals(List.of(0, 1, 1, 1), equal.stream().map(Update::staleness).toList());
    }

    @Test
    void aSingleLearnerIsNeverStale() {
        List<Update> u = ParameterServer.firstUpdates(new double[]{0.7}, 50);
        assertEquals(50, u.size());
        assertTrue(u.stream().allMatch(x -> x.staleness() == 0));
        assertEquals(50 * 0.7, u.get(49).pushTime(), 1e-12);
    }

    @Test
    void horizonAndCountLimitTheSchedule() {
        assertEquals(0, ParameterServer.until(TWO_LEARNERS, 0.5).size());
        assertEquals(3, ParameterServer.until(TWO_LEARNERS, 2.5).size());
        assertEquals(List.of(1, 1, 2), ParameterServer.firstUpdates(TWO_LEARNERS, 3).stream().map(Update::learner).toList());
        // three learners (1, 2, 3 s): during learner 3's round (3k, 3k+3] learner 1 pushes 3 times and
        // learner 2 pushes at the even times inside it: 1 then 2, alternating -> staleness 4, 5, 4, 5, ...
        List<Update> three = ParameterServer.until(new double[]{1, 2, 3}, 12);
        assertEquals(List.of(4, 5, 4, 5), three.stream().filter(x -> x.learner() == 3).map(Update::staleness).toList());
    }

    @Test
    void badArgumentsAreRejectedWithTheirNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterServer.until(new double[]{1, 0}, 5));
        assertTrue(e.getMessage().contains("computeTimes[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ParameterServer.until(new double[0], 5));
        assertTrue(e.getMessage().contains("computeTimes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ParameterServer.until(TWO_LEARNERS, -1));
        assertTrue(e.getMessage().contains("horizon"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ParameterServer.firstUpdates(TWO_LEARNERS, -2));
        assertTrue(e.getMessage().contains("count"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterServer.until(new double[]{Double.NaN}, 5));
    }
}
