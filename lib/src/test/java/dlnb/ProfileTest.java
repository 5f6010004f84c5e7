package dlnb;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileTest {
    @AfterEach
    void reset() {
        Profile.useDefault();
        System.clearProperty(Profile.PROPERTY);
    }

    @Test
    void picksTheValueForItsSize() {
        assertEquals(1, Profile.SMOKE.pick(1, 5, 30));
        assertEquals(5, Profile.LAPTOP.pick(1, 5, 30));
        assertEquals(30, Profile.FULL.pick(1, 5, 30));
    }

    @Test
    void notebookOverrideWinsOverSystemProperty() {
        System.setProperty(Profile.PROPERTY, "full");
        assertEquals(Profile.FULL, Profile.current());
        Profile.use(Profile.SMOKE);
        assertEquals(Profile.SMOKE, Profile.current());
        Profile.useDefault();
        assertEquals(Profile.FULL, Profile.current());
    }

    @Test
    void parsesAnyCaseAndRejectsUnknownNamesClearly() {
        assertEquals(Profile.LAPTOP, Profile.parse(" Laptop ", "test"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.parse("fast", "environment variable DLNB_PROFILE"));
        assertEquals("environment variable DLNB_PROFILE is \"fast\", which is not a profile: use smoke, laptop or full", e.getMessage());
        System.setProperty(Profile.PROPERTY, "huge");
        assertTrue(assertThrows(IllegalArgumentException.class, Profile::current).getMessage().contains("dlnb.profile"));
    }

    @Test
    void describesItselfWithHowToChange() {
        assertTrue(Profile.SMOKE.describe().startsWith("profile smoke ("));
        assertTrue(Profile.SMOKE.describe().contains("DLNB_PROFILE"));
    }
}
