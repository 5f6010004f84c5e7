package dlnb.data;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link FaultChild} in a separate JVM with only the library's classes (and Gson) on its class
 * path, so it starts in well under a second. Optionally as the unprivileged user {@code nobody}
 * (through setpriv) when the tests run as root, which ignores file permissions.
 */
final class ChildJvm {
    static final int NOBODY = 65534;

    private ChildJvm() {
    }

    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0 && out.startsWith("OK ");
        }

        /** The path after "OK ", or the message after "FAILED". */
        String value() {
            return out.startsWith("OK ") ? out.substring(3).strip() : out.replaceFirst("^FAILED\\R", "").strip();
        }
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Whether permission faults can be provoked: not root, or root with setpriv to run the child as nobody. */
    static boolean canDropPrivileges() {
        return !isRoot() || Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv"));
    }

    /** The command line; {@code shellPrefix} (e.g. "ulimit -f 2;") runs it through bash. */
    static List<String> command(Map<String, String> properties, boolean unprivileged, String shellPrefix, String... args) {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xmx64m", "-Xss512k"));
        properties.forEach((k, v) -> java.add("-D" + k + "=" + v));
        java.add("-cp");
        java.add(String.join(File.pathSeparator, location(RemoteFile.class), location(FaultChild.class), gsonJar()));
        java.add(FaultChild.class.getName());
        java.addAll(List.of(args));
        List<String> cmd = new ArrayList<>();
        if (unprivileged && isRoot()) {
            cmd.addAll(List.of(Files.isExecutable(Path.of("/usr/bin/setpriv")) ? "/usr/bin/setpriv" : "/bin/setpriv",
                    "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        if (shellPrefix != null) {
            cmd.addAll(List.of("/bin/bash", "-c", shellPrefix + " exec \"$@\"", "child"));
        }
        cmd.addAll(java);
        return cmd;
    }

    static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(false).start();
    }

    static Result run(List<String> command, double timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("dlnb-child", ".out");
        Path err = Files.createTempFile("dlnb-child", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("the child JVM did not finish within " + timeoutSeconds + " s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Path gsonCopy;

    /**
     * Gson's jar, copied where any user may read it: the local Maven repository usually lies in a home
     * folder that {@code nobody} cannot enter.
     */
    private static synchronized String gsonJar() {
        try {
            if (gsonCopy == null) {
                Path dir = Files.createTempDirectory("dlnb-child-classpath");
                Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                gsonCopy = Files.copy(Path.of(location(com.google.gson.Gson.class)), dir.resolve("gson.jar"));
                Files.setPosixFilePermissions(gsonCopy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
                gsonCopy.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
            }
            return gsonCopy.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
