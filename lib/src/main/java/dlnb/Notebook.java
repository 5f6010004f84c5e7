package dlnb;

import dlnb.runtime.Dl4jRuntime;

/**
 * The first call of every notebook: puts ND4J/DL4J in the project's configuration, seeds everything
 * from one number and prints which profile and backend the run uses.
 *
 * <pre>{@code Profile profile = Notebook.start(42);}</pre>
 */
public final class Notebook {
    private Notebook() {
    }

    public static Profile start(long seed) {
        Dl4jRuntime.init();
        Seeds.set(seed);
        Profile profile = Profile.current();
        System.out.println("dl-notebooks " + version() + " | " + profile.describe());
        System.out.println("seed " + seed + " | " + Dl4jRuntime.describe());
        return profile;
    }

    /** The helper library's version, from its jar manifest ("dev" when run from classes). */
    public static String version() {
        String v = Notebook.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
