package dlnb.augment;

import dlnb.data.ImageSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VoteTest {
    @Test
    void majorityWinsOverProbabilityMass() {
        // 3 copies, 3 classes: votes 1, 1, 2; class 2 has the larger summed probability (0.4+0.4+0.9 = 1.7 vs 1.2)
        float[] p = {
                0.2f, 0.4f, 0.4f - 1e-3f,
                0.2f, 0.4f, 0.4f - 1e-3f,
                0.05f, 0.05f, 0.9f};
        assertEquals(1, Vote.hard(p, 0, 3, 3));
        assertFalse(Vote.tied(p, 0, 3, 3));
        // soft vote: sums 0.45, 0.85, 1.698 -> class 2
        assertEquals(2, Vote.soft(p, 0, 3, 3));
    }

    @Test
    void tieBrokenBySummedProbability() {
        // 4 copies: two vote 0, two vote 2; sums: class 0 = 0.6+0.6+0.1+0.2 = 1.5, class 2 = 0.3+0.3+0.5+0.7 = 1.8
        float[] p = {
                0.6f, 0.1f, 0.3f,
                0.6f, 0.1f, 0.3f,
                0.1f, 0.4f, 0.5f,
                0.2f, 0.1f, 0.7f};
        assertTrue(Vote.tied(p, 0, 4, 3));
        assertEquals(2, Vote.hard(p, 0, 4, 3));
        assertEquals(2, Vote.soft(p, 0, 4, 3));
    }

    @Test
    void exactTieFallsToTheLowestIndex() {
        float[] p = {
                0.7f, 0.3f,
                0.3f, 0.7f};
        assertTrue(Vote.tied(p, 0, 2, 2));
        assertEquals(0, Vote.hard(p, 0, 2, 2));
        assertEquals(0, Vote.soft(p, 0, 2, 2));
        assertEquals(0, Vote.argmax(new float[]{0.5f, 0.5f}, 0, 2));
    }

    @Test
    void classWithoutVotesNeverWinsTheHardVote() {
        // votes 0 and 1 (tied, sums 0.45 and 0.45 - tiny); class 2 holds most mass but no vote
        float[] p = {
                0.40f, 0.05f, 0.39f,
                0.05f, 0.40f, 0.39f};
        assertEquals(2, Vote.soft(p, 0, 2, 3));
        int h = Vote.hard(p, 0, 2, 3);
        assertTrue(h == 0 || h == 1);
        assertEquals(0, h); // sums equal (0.45 each): lowest index
    }

    @Test
    void accuraciesOverAHandMadeSet() {
        // three images, 2 copies, 2 classes, labels 0, 1, 1
        ImageSet images = new ImageSet("hand", 1, 1, new byte[3], new int[]{0, 1, 1}, List.of("a", "b"));
        float[] p = {
                0.9f, 0.1f, 0.8f, 0.2f,      // image 0: both vote 0 -> hard 0, soft 0: right
                0.6f, 0.4f, 0.1f, 0.9f,      // image 1: tie; sums 0.7 vs 1.3 -> hard 1, soft 1: right, a tie
                0.6f, 0.4f, 0.45f, 0.55f};   // image 2: tie; sums 1.05 vs 0.95 -> hard 0, soft 0: wrong
        TestTimeAugmentation.Result r = TestTimeAugmentation.vote(p, images, 2);
        assertEquals(2 / 3.0, r.hardAccuracy(), 1e-12);
        assertEquals(2 / 3.0, r.softAccuracy(), 1e-12);
        assertEquals(2, r.ties());
        assertEquals(0, r.disagreements());
        assertEquals(3, r.examples());
    }

    @Test
    void hardAndSoftCanDisagree() {
        ImageSet images = new ImageSet("hand", 1, 1, new byte[1], new int[]{1}, List.of("a", "b"));
        // 3 copies vote 0, 0, 1 with a confident 1: hard 0 (wrong), soft 1 (right)
        float[] p = {0.51f, 0.49f, 0.51f, 0.49f, 0.01f, 0.99f};
        TestTimeAugmentation.Result r = TestTimeAugmentation.vote(p, images, 3);
        assertEquals(0.0, r.hardAccuracy());
        assertEquals(1.0, r.softAccuracy());
        assertEquals(1, r.disagreements());
    }
}
