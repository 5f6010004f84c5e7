package dlnb;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SeedsTest {
    @Test
    void samePurposeGivesTheSameSequenceWhateverTheCallOrder() {
        Seeds.set(7);
        double a1 = Seeds.random("split").nextDouble();
        Seeds.random("other").nextDouble();
        double a2 = Seeds.random("split").nextDouble();
        assertEquals(a1, a2);
        assertNotEquals(a1, Seeds.random("other").nextDouble());
    }

    @Test
    void differentSeedsGiveDifferentStreams() {
        Seeds.set(1);
        long d1 = Seeds.derive("x");
        Seeds.set(2);
        assertNotEquals(d1, Seeds.derive("x"));
        assertEquals(2, Seeds.get());
    }

    @Test
    void seedsNd4jAndSmile() {
        Seeds.set(11);
        INDArray first = Nd4j.rand(DataType.FLOAT, 5);
        double smileFirst = smile.math.MathEx.random();
        Seeds.set(11);
        assertEquals(first, Nd4j.rand(DataType.FLOAT, 5));
        assertEquals(smileFirst, smile.math.MathEx.random());
    }
}
