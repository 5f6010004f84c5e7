package dlnb.data;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where data sets live on this machine. Downloads go to one cache directory, chosen by the system
 * property {@code dlnb.cache}, else the environment variable {@code DLNB_CACHE}, else the OS's cache
 * folder ({@code ~/Library/Caches/dl-notebooks} on macOS, {@code $XDG_CACHE_HOME/dl-notebooks} or
 * {@code ~/.cache/dl-notebooks} elsewhere). Mirrors are read-only folders searched first, laid out
 * like the cache ({@code <mirror>/<data set>/<file>}): {@code DLNB_DATA_MIRROR} (path-separator list).
 */
public final class DataCache {
    public static final String PROPERTY = "dlnb.cache";
    public static final String ENV = "DLNB_CACHE";
    public static final String MIRROR_ENV = "DLNB_DATA_MIRROR";
    public static final String MIRROR_PROPERTY = "dlnb.data.mirror";

    private DataCache() {
    }

    public static Path dir() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath();
        }
        Path home = Paths.get(System.getProperty("user.home"));
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            return home.resolve("Library/Caches/dl-notebooks");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Paths.get(xdg) : home.resolve(".cache")).resolve("dl-notebooks");
    }

    /** Where a data set's file is kept in the cache. */
    public static Path location(String dataset, String fileName) {
        return dir().resolve(dataset).resolve(fileName);
    }

    /** Existing mirror folders, in the order given. */
    public static List<Path> mirrors() {
        String configured = System.getProperty(MIRROR_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(MIRROR_ENV);
        }
        List<Path> dirs = new ArrayList<>();
        if (configured != null) {
            for (String part : configured.split(File.pathSeparator)) {
                if (!part.isBlank() && Files.isDirectory(Paths.get(part))) {
                    dirs.add(Paths.get(part).toAbsolutePath());
                }
            }
        }
        return dirs;
    }
}
