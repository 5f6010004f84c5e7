package dlnb;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotebookTest {
    @AfterEach
    void reset() {
        Profile.useDefault();
    }

    @Test
    void startSeedsAndPrintsProfileAndBackend() {
        Profile.use(Profile.SMOKE);
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(Profile.SMOKE, Notebook.start(123));
        } finally {
            System.setOut(old);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("profile smoke"), text);
        assertTrue(text.contains("seed 123 | ND4J CPU backend"), text);
        assertEquals(123, Seeds.get());
    }
}
