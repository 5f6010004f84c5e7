package dlnb.data;

import dlnb.Args;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where data sets live on this machine. Downloads go to one cache directory, chosen by the system
 * property {@code dlnb.cache}, else the environment variable {@code DLNB_CACHE}, else the OS's cache
 * folder ({@code ~/Library/Caches/dl-notebooks} on macOS, {@code $XDG_CACHE_HOME/dl-notebooks} or
 * {@code ~/.cache/dl-notebooks} elsewhere). Mirrors are read-only folders searched before the cache, laid
 * out like it ({@code <mirror>/<data set>/<file>}): {@code DLNB_DATA_MIRROR} (path-separator list).
 *
 * <p>Names of data sets and files are plain names (no separators, no {@code ..}, not hidden), so no
 * name can point outside the cache. A cached file that fails its check is never deleted: it is
 * renamed beside itself ({@code <file>.rejected-<time>}) and a warning says where it went.
 */
public final class DataCache {
    public static final String PROPERTY = "dlnb.cache";
    public static final String ENV = "DLNB_CACHE";
    public static final String MIRROR_ENV = "DLNB_DATA_MIRROR";
    public static final String MIRROR_PROPERTY = "dlnb.data.mirror";

    private static final Set<String> WARNED = new HashSet<>();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private DataCache() {
    }

    public static Path dir() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        Path home = Paths.get(System.getProperty("user.home"));
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            return home.resolve("Library/Caches/dl-notebooks");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Paths.get(xdg) : home.resolve(".cache")).resolve("dl-notebooks");
    }

    /** Where a data set's file is kept in the cache; both names must be {@linkplain #plainName plain}. */
    public static Path location(String dataset, String fileName) {
        Path dir = dir();
        Path file = dir.resolve(plainName("data set name", dataset)).resolve(plainName("file name", fileName)).normalize();
        Args.check(file.startsWith(dir), "data set " + dataset + ", file " + fileName + " would lie outside the cache " + dir);
        return file;
    }

    /**
     * Checks that {@code name} names one entry inside a folder: not empty, no path separator, not "." or
     * "..", not hidden (a leading dot is kept for the cache's own partial and lock files), no control
     * characters, at most 255 characters. Returns it.
     */
    public static String plainName(String what, String name) {
        Args.notBlank(what, name);
        boolean plain = name.length() <= 255 && !name.startsWith(".") && name.strip().equals(name)
                && name.chars().noneMatch(c -> c == '/' || c == '\\' || c == ':' || c < 0x20 || c == 0x7f);
        Args.check(plain, what + " must be a plain name (no '/', '\\', ':', leading '.', '..' or control characters),"
                + " got \"" + name.replace("\0", "\\0") + "\"");
        return name;
    }

    /** Mirror folders as configured ({@code dlnb.data.mirror}, else {@code DLNB_DATA_MIRROR}), existing or not. */
    public static List<Path> configuredMirrors() {
        String configured = System.getProperty(MIRROR_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(MIRROR_ENV);
        }
        List<Path> dirs = new ArrayList<>();
        if (configured != null) {
            for (String part : configured.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    dirs.add(Paths.get(part.strip()).toAbsolutePath().normalize());
                }
            }
        }
        return dirs;
    }

    /** Existing mirror folders, in the order given; a configured one that is not a folder gets a warning (once). */
    public static List<Path> mirrors() {
        List<Path> dirs = new ArrayList<>();
        for (Path dir : configuredMirrors()) {
            String problem = mirrorProblem(dir);
            if (problem == null) {
                dirs.add(dir);
            } else {
                warnOnce("mirror folder " + dir + " (" + MIRROR_ENV + ") " + problem + "; skipping it");
            }
        }
        return dirs;
    }

    /** Why a configured mirror cannot be searched, or null if it can. */
    static String mirrorProblem(Path dir) {
        if (Files.isDirectory(dir)) {
            return Files.isReadable(dir) && Files.isExecutable(dir) ? null : "cannot be read (permission denied)";
        }
        return Files.exists(dir) ? "is a file, not a folder" : "does not exist";
    }

    /** Prints a warning about a data source (stderr, where notebooks show it under the cell). */
    static void warn(String message) {
        System.err.println("warning: " + message);
    }

    /** Like {@link #warn} but once per message in this JVM (a missing mirror is reported once, not per file). */
    static void warnOnce(String message) {
        synchronized (WARNED) {
            if (!WARNED.add(message)) {
                return;
            }
        }
        warn(message);
    }

    /**
     * Renames a file that failed its check to {@code <name>.rejected-<yyyyMMdd-HHmmss>} in its folder
     * (a suffix -2, -3, ... if that exists), never deleting it. Returns the new path.
     */
    static Path moveAside(Path file) throws IOException {
        String base = file.getFileName() + ".rejected-" + LocalDateTime.now().format(STAMP);
        for (int n = 1; ; n++) {
            Path aside = file.resolveSibling(n == 1 ? base : base + "-" + n);
            if (Files.exists(aside)) {
                continue;
            }
            try {
                return Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another process took that name a moment ago: try the next
            }
        }
    }

    /** An I/O failure in words a user acts on, without the exception's class name. */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            return e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(Locale.ROOT);
        }
        if (reason.contains("No space left") || reason.contains("File too large") || reason.contains("Disk quota")) {
            return reason + " (is the disk full?)";
        }
        return reason;
    }
}
