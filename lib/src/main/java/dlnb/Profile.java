package dlnb;

import java.util.Locale;

/**
 * How big a run is. Notebooks ask the profile for sizes (subset size, epochs, repetitions) instead of
 * hard-coding them, so the same code runs in seconds in CI and at the homework's sizes at home.
 *
 * <p>Chosen, first match wins, by {@link #use(Profile)} in the notebook, the system property
 * {@code dlnb.profile}, the environment variable {@code DLNB_PROFILE}; otherwise {@link #LAPTOP}.
 */
public enum Profile {
    /** CI: seconds per notebook, just enough data to exercise every cell. */
    SMOKE("seconds per notebook, for automated checks"),
    /** The default: each notebook finishes within about 10 minutes on a 2-core laptop CPU. */
    LAPTOP("each notebook within about 10 minutes on a 2-core CPU"),
    /** The homework's own sizes: full data sets and epoch counts; can take hours on a CPU. */
    FULL("the homework's full sizes, can take hours on a CPU");

    public static final String ENV = "DLNB_PROFILE";
    public static final String PROPERTY = "dlnb.profile";

    private static volatile Profile override;

    private final String meaning;

    Profile(String meaning) {
        this.meaning = meaning;
    }

    /** The profile in force now. */
    public static Profile current() {
        Profile chosen = override;
        if (chosen != null) {
            return chosen;
        }
        String value = System.getProperty(PROPERTY);
        String source = "system property " + PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(ENV);
            source = "environment variable " + ENV;
        }
        return value == null || value.isBlank() ? LAPTOP : parse(value, source);
    }

    /** Notebook-level override: wins over the environment until {@link #useDefault()}. */
    public static void use(Profile profile) {
        override = Args.notNull("profile", profile);
    }

    /** Drops a notebook-level override. */
    public static void useDefault() {
        override = null;
    }

    /** "smoke", "laptop" or "full", any case. */
    public static Profile parse(String value, String source) {
        String name = Args.notNull("value", value).trim().toUpperCase(Locale.ROOT);
        for (Profile p : values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException(source + " is \"" + value + "\", which is not a profile: use smoke, laptop or full");
    }

    /** The value for this profile, e.g. {@code int epochs = profile.pick(1, 5, 30);}. */
    public <T> T pick(T smoke, T laptop, T full) {
        switch (this) {
            case SMOKE:
                return smoke;
            case LAPTOP:
                return laptop;
            default:
                return full;
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One line for a notebook's output: which profile ran and how to change it. */
    public String describe() {
        return "profile " + label() + " (" + meaning + "); set " + ENV + "=smoke|laptop|full or call Profile.use(...) to change";
    }
}
