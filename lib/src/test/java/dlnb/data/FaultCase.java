package dlnb.data;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Shared set-up of the fault-injection tests: a temporary cache and mirror, short HTTP timeouts (so a
 * hanging server costs half a second), a misbehaving local server, a gzipped data file with its
 * publisher-style MD5 and its unpacked-content SHA-256, and assertions on messages and cache state.
 *
 * <p>Every fault case asserts both: the message names the file, value or URL at fault, and the cache
 * holds nothing partial where it would be used and has lost nothing valid.
 */
abstract class FaultCase {
    static final String DATASET = FaultData.DATASET;
    static final String NAME = FaultData.NAME;
    static final byte[] CONTENT = FaultData.CONTENT;
    static final byte[] GZ = FaultData.GZ;
    static final byte[] GZ_RECOMPRESSED = FaultData.GZ_RECOMPRESSED;
    static final double TIMEOUT = 0.5;

    @TempDir
    Path root;
    Path cache;
    Path mirror;
    FaultServer server;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void setUpFaults() throws IOException {
        cache = root.resolve("cache");
        mirror = Files.createDirectories(root.resolve("mirror"));
        System.setProperty(DataCache.PROPERTY, cache.toString());
        System.setProperty(DataCache.MIRROR_PROPERTY, "");
        System.setProperty(Http.CONNECT_TIMEOUT, "1");
        System.setProperty(Http.RESPONSE_TIMEOUT, String.valueOf(TIMEOUT));
        System.setProperty(Http.STALL_TIMEOUT, String.valueOf(TIMEOUT));
        server = new FaultServer();
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, err), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDownFaults() {
        System.setErr(originalErr);
        server.close();
        for (String p : List.of(DataCache.PROPERTY, DataCache.MIRROR_PROPERTY, Http.CONNECT_TIMEOUT, Http.RESPONSE_TIMEOUT,
                Http.STALL_TIMEOUT, OpenMlDescription.API_PROPERTY)) {
            System.clearProperty(p);
        }
    }

    /** What was printed to stderr (warnings) since the test started. */
    String warnings() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The data file as the fault tests fetch it: MD5 of {@link #GZ}, or the SHA-256 of {@link #CONTENT} unpacked. */
    RemoteFile file(URI url, Path... localDirs) {
        return FaultData.file(url, localDirs);
    }

    Path cached() {
        return cache.resolve(DATASET).resolve(NAME);
    }

    void useMirrors(Path... dirs) {
        System.setProperty(DataCache.MIRROR_PROPERTY, String.join(java.io.File.pathSeparator,
                Stream.of(dirs).map(Path::toString).toList()));
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code call}, which must fail with {@code type}; asserts its message contains every fragment. */
    static <T extends Throwable> T fails(Class<T> type, Executable call, String... fragments) {
        T e = assertThrows(type, call);
        assertMentions(e.getMessage(), fragments);
        return e;
    }

    static void assertMentions(String text, String... fragments) {
        for (String f : fragments) {
            assertTrue(text != null && text.contains(f), "expected \"" + f + "\" in:\n" + text);
        }
    }

    /** Fetches within a time bound: a fault must never make a download hang. */
    static <T> T within(double seconds, Supplier<T> call) {
        long t0 = System.nanoTime();
        try {
            return call.get();
        } finally {
            double took = (System.nanoTime() - t0) / 1e9;
            assertTrue(took < seconds, "took " + took + " s, more than " + seconds + " s");
        }
    }

    // ---- cache state ----

    /** No partial download anywhere under the cache. */
    void assertNoPartials() {
        if (!Files.exists(cache)) {
            return;
        }
        try (Stream<Path> files = Files.walk(cache)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
            assertTrue(parts.isEmpty(), "partial files left: " + parts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nothing at the cached path, and nothing partial beside it. */
    void assertNothingCached() {
        assertFalse(Files.exists(cached()), "nothing should be cached at " + cached());
        assertNoPartials();
    }

    /** The cached copy is there and valid. */
    void assertCachedValid() {
        try {
            assertArrayEquals(GZ, Files.readAllBytes(cached()), "the cache should hold the verified download");
        } catch (IOException e) {
            fail("no cached copy at " + cached() + ": " + e);
        }
        assertNoPartials();
    }

    static void assertUnchanged(Path file, byte[] bytes) {
        try {
            assertArrayEquals(bytes, Files.readAllBytes(file), file + " must be left as it was");
        } catch (IOException e) {
            fail(file + " is gone: " + e);
        }
    }

    /** The copies of {@code file} moved aside ({@code <name>.rejected-<time>}). */
    static List<Path> rejected(Path file) {
        if (!Files.isDirectory(file.getParent())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(file.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(file.getFileName() + ".rejected-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code file} was moved aside, not deleted: one renamed copy holds {@code bytes}, and {@code text} says where. */
    static Path assertMovedAside(Path file, byte[] bytes, String text) {
        List<Path> aside = rejected(file);
        assertEquals(1, aside.size(), "one copy of " + file + " moved aside, found " + aside);
        try {
            if (Files.isRegularFile(aside.get(0))) {
                assertArrayEquals(bytes, Files.readAllBytes(aside.get(0)), "the moved-aside copy keeps its bytes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertMentions(text, "moved it to " + aside.get(0));
        return aside.get(0);
    }

    // ---- fixtures ----

    static byte[] gzip(byte[] content, int level) {
        return FaultData.gzip(content, level);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String md5(byte[] b) {
        return FaultData.md5(b);
    }

    static String sha256(byte[] b) {
        return FaultData.sha256(b);
    }

    /** Copies the test's stderr to the console as well, so failures stay readable. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
