package dlnb.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArffTest {
    static final String TOY = """
            % a comment
            @RELATION toy

            @ATTRIBUTE 'x one' NUMERIC
            @attribute colour { red, 'dark blue' }
            @ATTRIBUTE x2 real
            @ATTRIBUTE Class {no,yes}

            @DATA
            1.5, red, 2, yes
            -2,'dark blue',3e1,no
            % rows may be commented out
            0, red, ?, no
            4 , 'dark blue' , 0.25 , no
            """;

    @Test
    void readsNumericNominalQuotedAndMissingValues() {
        Arff.Data d = Arff.parse(TOY);
        assertEquals("toy", d.relation());
        assertEquals(List.of("x one", "colour", "x2", "Class"), d.attributes().stream().map(Arff.Attribute::name).toList());
        assertEquals(List.of("red", "dark blue"), d.attributes().get(1).values());
        assertEquals(4, d.rows().length);
        assertArrayEquals(new double[]{1.5, 0, 2, 1}, d.rows()[0]);
        assertArrayEquals(new double[]{-2, 1, 30, 0}, d.rows()[1]);
        assertTrue(Double.isNaN(d.rows()[2][2]));
        assertArrayEquals(new double[]{4, 1, 0.25, 0}, d.rows()[3]);
    }

    @Test
    void binaryDataOneHotsNominalFeaturesDropsMissingRowsAndPicksMinorityAsPositive() {
        BinaryData b = BinaryData.fromArff(Arff.parse(TOY), "toy", "Class", null);
        assertEquals(List.of("x one", "colour=red", "colour=dark blue", "x2"), b.featureNames());
        assertEquals(3, b.size()); // the row with "?" is dropped
        assertEquals("yes", b.positiveClass());
        assertEquals("no", b.negativeClass());
        assertArrayEquals(new int[]{1, 0, 0}, b.y());
        assertArrayEquals(new double[]{-2, 0, 1, 30}, b.x()[1]);

        BinaryData flipped = BinaryData.fromArff(Arff.parse(TOY), "toy", "Class", "no");
        assertArrayEquals(new int[]{0, 1, 1}, flipped.y());
    }

    @Test
    void stratifiedSplitKeepsClassesAndIsReproducible() {
        double[][] x = new double[100][];
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            x[i] = new double[]{i};
            y[i] = i < 20 ? 1 : 0;
        }
        BinaryData d = new BinaryData("d", List.of("i"), x, y, "p", "n");
        BinaryData.Split a = d.split(0.25, new Random(3));
        BinaryData.Split b = d.split(0.25, new Random(3));
        assertEquals(25, a.test().size());
        assertEquals(5, a.test().positives()); // 25% of 20
        assertEquals(15, a.train().positives());
        assertArrayEquals(a.test().x()[7], b.test().x()[7]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.split(1.0, new Random(1)));
        assertTrue(e.getMessage().contains("testFraction"), e.getMessage());
    }

    @Test
    void badFilesGiveMessagesWithTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arff.parse("@relation r\n@attribute a numeric\n@data\n1,2\n"));
        assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("2 values but 1 attributes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Arff.parse("@relation r\n@attribute a numeric\n@data\nabc\n"));
        assertTrue(e.getMessage().contains("\"abc\" is not a decimal number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Arff.parse("@relation r\n@attribute s string\n@data\n"));
        assertTrue(e.getMessage().contains("only numeric"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Arff.parse("<html>not found</html>\n"));
        assertTrue(e.getMessage().contains("expected @relation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BinaryData.fromArff(Arff.parse(TOY), "toy", "x2", null));
        assertTrue(e.getMessage().contains("target x2 must be nominal"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BinaryData.fromArff(Arff.parse(TOY), "toy", "Class", "maybe"));
        assertTrue(e.getMessage().contains("positiveClass \"maybe\""), e.getMessage());
    }
}
