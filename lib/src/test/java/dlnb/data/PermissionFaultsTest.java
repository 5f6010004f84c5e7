package dlnb.data;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dlnb.data.FaultServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Unreadable and read-only folders and files (fault classes 2 and 3). Root ignores file permissions,
 * so the fetch runs in a child JVM as {@code nobody} (setpriv) when the tests run as root; the cases
 * are skipped only where neither is possible.
 */
class PermissionFaultsTest extends FaultCase {
    private static final int DESCRIBED = 999400;

    @BeforeEach
    void permissionsMatter() throws IOException {
        assumeTrue(ChildJvm.canDropPrivileges(), "running as root without setpriv: permissions cannot be tested here");
        chmod(root, "rwxr-xr-x"); // JUnit makes its temporary folder private to the tests' user
        server.on("/" + NAME, ok(GZ));
        System.setProperty(OpenMlDescription.API_PROPERTY, server.url("/api").toString());
    }

    @AfterEach
    void restorePermissions() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                chmod(p, Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--");
            }
        }
    }

    private ChildJvm.Result fetch(String... extra) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        for (String p : List.of(DataCache.PROPERTY, DataCache.MIRROR_PROPERTY, Http.CONNECT_TIMEOUT, Http.RESPONSE_TIMEOUT,
                Http.STALL_TIMEOUT, OpenMlDescription.API_PROPERTY)) {
            props.put(p, System.getProperty(p, ""));
        }
        String[] args = extra.length > 0 ? extra : new String[]{"fetch", server.url("/" + NAME).toString()};
        return ChildJvm.run(ChildJvm.command(props, true, null, args), 30);
    }

    /** Hands folders (and what is in them) to the child's user, so it may write there. */
    private static void giveToChild(Path... paths) throws IOException {
        if (!ChildJvm.isRoot()) {
            return; // the child runs as this user, who owns everything already
        }
        for (Path path : paths) {
            try (Stream<Path> all = Files.walk(path)) {
                for (Path p : all.toList()) {
                    Files.setAttribute(p, "unix:uid", ChildJvm.NOBODY);
                    Files.setAttribute(p, "unix:gid", ChildJvm.NOBODY);
                }
            }
        }
    }

    private static void chmod(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path cacheFolder() throws IOException {
        return Files.createDirectories(cache.resolve(DATASET));
    }

    @Test
    void unreadableCacheCopyIsMovedAsideAndFetchedAgain() throws Exception {
        Path copy = write(cached(), GZ);
        giveToChild(cache);
        chmod(copy, "---------");
        ChildJvm.Result r = fetch();
        assertTrue(r.ok(), r.toString());
        assertEquals(cached().toString(), r.value());
        assertMentions(r.err(), "cached " + copy + " cannot be read (permission denied)", "moved it to");
        assertMovedAside(copy, GZ, r.err()); // kept, though it could not be checked
        assertCachedValid();
    }

    @Test
    void unreadableMirrorCopyIsSkipped() throws Exception {
        useMirrors(mirror);
        Path inMirror = write(mirror.resolve(DATASET).resolve(NAME), GZ);
        chmod(inMirror, "---------");
        giveToChild(cache());
        ChildJvm.Result r = fetch();
        assertTrue(r.ok(), r.toString());
        assertMentions(r.err(), inMirror + " cannot be read (permission denied); skipping it");
        assertUnchanged(inMirror, GZ);
        assertCachedValid();
    }

    @Test
    void unreadableMirrorFolderIsSkippedForTheNextMirror() throws Exception {
        Path second = root.resolve("second");
        Path good = write(second.resolve(DATASET).resolve(NAME), GZ);
        write(mirror.resolve(DATASET).resolve(NAME), GZ);
        useMirrors(mirror, second);
        chmod(mirror, "---------");
        ChildJvm.Result r = fetch();
        assertTrue(r.ok(), r.toString());
        assertEquals(good.toString(), r.value());
        assertMentions(r.err(), "mirror folder " + mirror + " (DLNB_DATA_MIRROR) cannot be read (permission denied); skipping it");
        assertEquals(0, server.hits("/" + NAME));
        assertFalse(Files.exists(cached()));
    }

    @Test
    void readOnlyCacheIsServedFromAMirror() throws Exception {
        useMirrors(mirror);
        Path good = write(mirror.resolve(DATASET).resolve(NAME), GZ);
        chmod(Files.createDirectories(cache), "r-xr-xr-x");
        ChildJvm.Result r = fetch();
        assertTrue(r.ok(), r.toString());
        assertEquals(good.toString(), r.value());
        assertFalse(r.err().contains("warning"), r.err());
        assertEquals(0, server.hits("/" + NAME));
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(0, s.count(), "nothing written in a read-only cache");
        }
    }

    @Test
    void readOnlyCacheCannotTakeADownload() throws Exception {
        Path folder = cacheFolder();
        chmod(folder, "r-xr-xr-x");
        ChildJvm.Result r = fetch();
        assertEquals(3, r.exit(), r.toString());
        assertMentions(r.value(), "the cache folder " + folder + " is not writable", "set DLNB_CACHE to a folder you can write",
                "read-only (permission denied)", server.url("/" + NAME).toString());
        assertEquals(0, server.hits("/" + NAME), "no download that could not be stored");
        assertNothingCached();
    }

    @Test
    void readOnlyCacheKeepsItsCorruptCopy() throws Exception {
        byte[] truncated = Arrays.copyOf(GZ, 100);
        Path copy = write(cached(), truncated);
        chmod(copy.getParent(), "r-xr-xr-x");
        ChildJvm.Result r = fetch();
        assertEquals(3, r.exit(), r.toString());
        assertMentions(r.value(), copy + ": is a truncated gzip archive", "left it in place (the cache folder is read-only)");
        assertUnchanged(copy, truncated);
        assertTrue(rejected(copy).isEmpty());
        assertNoPartials();
    }

    @Test
    void readOnlyCacheStillServesItsValidCopy() throws Exception {
        Path copy = write(cached(), GZ_RECOMPRESSED);
        chmod(copy.getParent(), "r-xr-xr-x");
        ChildJvm.Result r = fetch();
        assertTrue(r.ok(), r.toString());
        assertEquals(copy.toString(), r.value());
        assertFalse(r.err().contains("warning"), r.err());
        assertUnchanged(copy, GZ_RECOMPRESSED);
        assertEquals(0, server.hits("/" + NAME));
    }

    @Test
    void cacheFolderThatCannotBeCreated() throws Exception {
        Path locked = Files.createDirectories(root.resolve("locked"));
        System.setProperty(DataCache.PROPERTY, locked.resolve("cache").toString());
        chmod(locked, "r-xr-xr-x");
        ChildJvm.Result r = fetch();
        assertEquals(3, r.exit(), r.toString());
        assertMentions(r.value(), "cache folder " + locked.resolve("cache").resolve(DATASET) + ": cannot be created (permission denied)",
                "set DLNB_CACHE to a folder you can write");
        assertFalse(Files.exists(locked.resolve("cache")));
    }

    @Test
    void unreadableDebianFolderIsSkipped() throws Exception {
        Path debian = Files.createDirectories(root.resolve("debian"));
        Path local = write(debian.resolve(NAME), GZ);
        chmod(debian, "---------");
        giveToChild(cache());
        ChildJvm.Result r = fetch("fetch", server.url("/" + NAME).toString(), debian.toString());
        assertTrue(r.ok(), r.toString());
        assertMentions(r.err(), local + " cannot be read (permission denied on its folder); skipping it");
        chmod(debian, "rwxr-xr-x");
        assertUnchanged(local, GZ);
        assertCachedValid();
    }

    @Test
    void unreadableStoredDescriptionIsMovedAsideAndFetchedAgain() throws Exception {
        String json = MetadataFaultsTest.description(DESCRIBED, "toy", "http://127.0.0.1:9/toy.arff", md5(bytes("x")));
        server.on("/api/" + DESCRIBED, ok(json));
        Path stored = write(cache.resolve("openml/" + DESCRIBED + "-description.json"), bytes(json));
        giveToChild(cache);
        chmod(stored, "---------");
        ChildJvm.Result r = fetch("description", String.valueOf(DESCRIBED));
        assertTrue(r.ok(), r.toString());
        assertMentions(r.err(), stored + ": cannot be read (permission denied)", "moved it to");
        assertMovedAside(stored, bytes(json), r.err());
        assertEquals(json, Files.readString(stored));
        assertNoPartials();
    }

    @Test
    void readOnlyCacheCannotStoreADescriptionButUsesIt() throws Exception {
        String json = MetadataFaultsTest.description(DESCRIBED + 1, "toy", "http://127.0.0.1:9/toy.arff", md5(bytes("x")));
        server.on("/api/" + (DESCRIBED + 1), ok(json));
        Path folder = Files.createDirectories(cache.resolve("openml"));
        chmod(folder, "r-xr-xr-x");
        ChildJvm.Result r = fetch("description", String.valueOf(DESCRIBED + 1));
        assertTrue(r.ok(), r.toString());
        assertMentions(r.err(), "could not store the description at " + folder.resolve((DESCRIBED + 1) + "-description.json"),
                "permission denied", "fetched again next time");
        try (Stream<Path> s = Files.list(folder)) {
            assertEquals(0, s.count(), "nothing written, nothing partial");
        }
    }

    private Path cache() throws IOException {
        return Files.createDirectories(cache);
    }
}
