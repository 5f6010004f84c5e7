package dlnb.data;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static dlnb.data.FaultServer.ok;
import static dlnb.data.FaultServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault classes 2 and 3: sources that fall back in order (local folder such as Debian's, mirrors, cache,
 * download) and verification by content. Truncated, corrupt, wrong and empty copies in each place;
 * recompressed and unpacked copies that must be accepted; partial files of interrupted runs.
 */
class SourceFaultsTest extends FaultCase {
    private static final byte[] TRUNCATED = Arrays.copyOf(GZ, GZ.length / 2);
    private static final byte[] CORRUPT = corrupt();
    private static final byte[] OTHER = gzip(bytes("other content\n".repeat(500)), 9);
    private Path debian;
    private URI url;

    private static byte[] corrupt() {
        byte[] b = GZ.clone();
        for (int i = 40; i < 60; i++) {
            b[i] ^= 0x5a;
        }
        return b;
    }

    @BeforeEach
    void sources() throws Exception {
        debian = Files.createDirectories(root.resolve("usr-share-datasets"));
        server.on("/" + NAME, ok(GZ));
        url = server.url("/" + NAME);
    }

    private int downloads() {
        return server.hits("/" + NAME);
    }

    // ---- the cache: bad copies are moved aside, never deleted, and fetched again ----

    private void assertCacheCopyReplaced(byte[] bad, String problem) {
        write(cached(), bad);
        assertEquals(cached(), file(url).fetch());
        assertMentions(warnings(), "cached " + cached() + " " + problem);
        assertMovedAside(cached(), bad, warnings());
        assertCachedValid();
        assertEquals(1, downloads());
    }

    @Test
    void truncatedCacheCopy() {
        assertCacheCopyReplaced(TRUNCATED, "is a truncated gzip archive");
    }

    @Test
    void corruptCacheCopy() {
        assertCacheCopyReplaced(CORRUPT, "is not a valid gzip archive");
    }

    @Test
    void cacheCopyWithOtherContent() {
        assertCacheCopyReplaced(OTHER, "has MD5 " + md5(OTHER) + " but " + md5(GZ) + " was expected");
    }

    @Test
    void emptyCacheCopy() {
        assertCacheCopyReplaced(new byte[0], "is empty (0 bytes");
    }

    @Test
    void folderWhereTheCacheCopyShouldBe() throws Exception {
        Files.createDirectories(cached().resolve("stuff"));
        assertEquals(cached(), file(url).fetch());
        assertMentions(warnings(), cached() + " is a folder, not a file", "moved it to");
        assertTrue(Files.isDirectory(rejected(cached()).get(0).resolve("stuff")), "the folder is kept, renamed");
        assertCachedValid();
    }

    @Test
    void movedAsideTwiceKeepsBothCopies() {
        write(cached(), TRUNCATED);
        server.on("/first-bad", ok(OTHER));
        RemoteFile badUrl = file(server.url("/first-bad"));
        fails(DataUnavailableException.class, badUrl::fetch, "discarded");
        write(cached(), CORRUPT);
        assertEquals(cached(), file(url).fetch());
        assertEquals(2, rejected(cached()).size(), "both bad copies are kept: " + rejected(cached()));
        assertCachedValid();
    }

    @Test
    void recompressedCacheCopyIsAccepted() {
        write(cached(), GZ_RECOMPRESSED);
        assertEquals(cached(), file(url).fetch());
        assertUnchanged(cached(), GZ_RECOMPRESSED);
        assertTrue(rejected(cached()).isEmpty() && downloads() == 0 && warnings().isEmpty(), warnings());
        assertNoPartials();
    }

    @Test
    void unpackedCacheCopyIsAccepted() {
        Path unpacked = write(cache.resolve(DATASET).resolve("data.bin"), CONTENT);
        assertEquals(unpacked, file(url).fetch());
        assertUnchanged(unpacked, CONTENT);
        assertEquals(0, downloads());
        assertTrue(warnings().isEmpty(), warnings());
        assertNoPartials();
    }

    @Test
    void danglingLinkInTheCacheIsReplaced() throws Exception {
        Files.createDirectories(cached().getParent());
        Files.createSymbolicLink(cached(), root.resolve("deleted-target"));
        assertEquals(cached(), file(url).fetch());
        assertMentions(warnings(), "downloading " + url + " to " + cached());
        assertCachedValid();
    }

    // ---- mirrors: read-only to us, bad copies are reported and skipped ----

    private void assertMirrorCopySkipped(byte[] bad, String problem) {
        useMirrors(mirror);
        Path inMirror = write(mirror.resolve(DATASET).resolve(NAME), bad);
        assertEquals(cached(), file(url).fetch());
        assertMentions(warnings(), inMirror + " " + problem, "skipping it");
        assertUnchanged(inMirror, bad);
        assertTrue(rejected(inMirror).isEmpty(), "nothing renamed in a mirror");
        assertCachedValid();
    }

    @Test
    void truncatedMirrorCopy() {
        assertMirrorCopySkipped(TRUNCATED, "is a truncated gzip archive");
    }

    @Test
    void corruptMirrorCopy() {
        assertMirrorCopySkipped(CORRUPT, "is not a valid gzip archive");
    }

    @Test
    void mirrorCopyWithOtherContent() {
        assertMirrorCopySkipped(OTHER, "has MD5 " + md5(OTHER) + " but " + md5(GZ) + " was expected; SHA-256 of the unpacked content "
                + sha256(bytes("other content\n".repeat(500))) + " but " + sha256(CONTENT) + " was expected");
    }

    @Test
    void emptyMirrorCopy() {
        assertMirrorCopySkipped(new byte[0], "is empty");
    }

    @Test
    void recompressedMirrorCopyIsUsedInPlace() {
        useMirrors(mirror);
        Path inMirror = write(mirror.resolve(DATASET).resolve(NAME), GZ_RECOMPRESSED);
        assertEquals(inMirror, file(url).fetch());
        assertEquals(0, downloads());
        assertTrue(warnings().isEmpty(), warnings());
        assertFalse(Files.exists(cached()));
        assertNoPartials();
    }

    @Test
    void unpackedMirrorCopyInTheFlatLayoutIsUsed() {
        useMirrors(mirror);
        Path inMirror = write(mirror.resolve("data.bin"), CONTENT);
        assertEquals(inMirror, file(url).fetch());
        assertEquals(0, downloads());
        assertTrue(warnings().isEmpty(), warnings());
        assertNoPartials();
    }

    @Test
    void missingMirrorFolderWarnsAndTheNextOneServes() {
        Path missing = root.resolve("no-such-mirror");
        Path second = root.resolve("second-mirror");
        Path good = write(second.resolve(DATASET).resolve(NAME), GZ);
        useMirrors(missing, second);
        assertEquals(good, file(url).fetch());
        assertMentions(warnings(), "mirror folder " + missing + " (DLNB_DATA_MIRROR) does not exist; skipping it");
        assertEquals(0, downloads());
        assertFalse(Files.exists(missing), "a missing mirror is not created");
        assertNoPartials();
    }

    @Test
    void mirrorThatIsAFile() {
        Path notAFolder = write(root.resolve("mirror.txt"), bytes("oops"));
        useMirrors(notAFolder);
        assertEquals(cached(), file(url).fetch());
        assertMentions(warnings(), "mirror folder " + notAFolder + " (DLNB_DATA_MIRROR) is a file, not a folder");
        assertUnchanged(notAFolder, bytes("oops"));
        assertCachedValid();
    }

    @Test
    void badFirstMirrorGoodSecond() {
        Path second = root.resolve("second");
        Path bad = write(mirror.resolve(DATASET).resolve(NAME), TRUNCATED);
        Path good = write(second.resolve(DATASET).resolve(NAME), GZ);
        useMirrors(mirror, second);
        assertEquals(good, file(url).fetch());
        assertMentions(warnings(), bad + " is a truncated gzip archive");
        assertUnchanged(bad, TRUNCATED);
        assertEquals(0, downloads());
        assertFalse(Files.exists(cached()));
    }

    @Test
    void mirrorComesBeforeACorruptCacheCopy() {
        useMirrors(mirror);
        Path good = write(mirror.resolve(DATASET).resolve(NAME), GZ);
        write(cached(), CORRUPT);
        assertEquals(good, file(url).fetch());
        assertTrue(warnings().isEmpty(), "the cache is not looked at: " + warnings());
        assertUnchanged(cached(), CORRUPT); // not in the way: left for the run that needs the cache
        assertEquals(0, downloads());
        assertNoPartials();
    }

    // ---- a local folder such as Debian's package folder ----

    private void assertLocalCopySkipped(byte[] bad, String problem) {
        Path local = write(debian.resolve(NAME), bad);
        useMirrors(mirror);
        Path good = write(mirror.resolve(DATASET).resolve(NAME), GZ);
        assertEquals(good, file(url, debian).fetch());
        assertMentions(warnings(), local + " " + problem, "skipping it");
        assertUnchanged(local, bad);
        assertEquals(0, downloads());
        assertNoPartials();
    }

    @Test
    void truncatedDebianCopy() {
        assertLocalCopySkipped(TRUNCATED, "is a truncated gzip archive");
    }

    @Test
    void corruptDebianCopy() {
        assertLocalCopySkipped(CORRUPT, "is not a valid gzip archive");
    }

    @Test
    void debianCopyWithOtherContent() {
        assertLocalCopySkipped(OTHER, "has MD5");
    }

    @Test
    void recompressedDebianCopyIsAccepted() {
        Path local = write(debian.resolve(NAME), GZ_RECOMPRESSED); // as Debian's package ships FashionMNIST
        assertEquals(local, file(url, debian).fetch());
        assertEquals(0, downloads());
        assertTrue(warnings().isEmpty(), warnings());
        assertFalse(Files.exists(cached()));
    }

    @Test
    void missingDebianFolderIsNotAWarning() {
        assertEquals(cached(), file(url, root.resolve("not-installed")).fetch());
        assertFalse(warnings().contains("warning"), warnings());
        assertCachedValid();
    }

    // ---- nothing valid anywhere ----

    @Test
    void everySourceBadAndOfflineListsEveryPlace() {
        Path local = write(debian.resolve(NAME), TRUNCATED);
        Path missingMirror = root.resolve("gone");
        Path inMirror = write(mirror.resolve(DATASET).resolve(NAME), OTHER);
        write(cached(), CORRUPT);
        server.on("/offline", status(404, "gone"));
        RemoteFile f = file(server.url("/offline"), debian);
        useMirrors(missingMirror, mirror);
        DataUnavailableException e = fails(DataUnavailableException.class, f::fetch,
                "Data set 'faults', file data.bin.gz: no valid copy found, and the download failed: the server answered HTTP 404",
                "1. " + local + ": is a truncated gzip archive",
                "2. " + debian.resolve("data.bin") + ": not there",
                "3. mirror folder " + missingMirror + ": does not exist",
                "4. " + inMirror + ": has MD5",
                "6. " + mirror.resolve(NAME) + ": not there",
                "8. " + cached() + ": is not a valid gzip archive",
                "; moved it to ",
                "9. " + cache.resolve(DATASET).resolve("data.bin") + ": not there",
                "10. download " + server.url("/offline") + ": the server answered HTTP 404",
                "place the file at\n    " + cached(),
                "expected MD5 " + md5(GZ) + " or SHA-256 of the unpacked content " + sha256(CONTENT));
        assertMovedAside(cached(), CORRUPT, e.getMessage());
        assertUnchanged(local, TRUNCATED);
        assertUnchanged(inMirror, OTHER);
        assertNothingCached();
    }

    // ---- interrupted earlier runs ----

    @Test
    void partialFileOfAnInterruptedRunIsRemoved() {
        Path part = write(cached().resolveSibling("." + NAME + ".part"), TRUNCATED);
        assertEquals(cached(), file(url).fetch());
        assertMentions(warnings(), "removed " + part, "a partial download an interrupted run left behind");
        assertCachedValid();
    }

    @Test
    void partialFileOfAnOlderVersionIsRemoved() {
        Path part = write(cached().resolveSibling("." + NAME + ".8123456789012345678.part"), TRUNCATED);
        assertEquals(cached(), file(url).fetch());
        assertMentions(warnings(), "removed " + part);
        assertCachedValid();
    }

    @Test
    void partialFileIsRemovedEvenWhenAValidCopyIsCached() {
        write(cached(), GZ);
        Path part = write(cached().resolveSibling("." + NAME + ".part"), TRUNCATED);
        assertEquals(cached(), file(url).fetch());
        assertFalse(Files.exists(part));
        assertMentions(warnings(), "removed " + part);
        assertEquals(0, downloads());
        assertCachedValid();
    }

    @Test
    void partialFilesOfOtherFilesAreLeftAlone() {
        Path other = write(cached().resolveSibling("." + NAME + ".sig.part"), bytes("another file's download"));
        assertEquals(cached(), file(url).fetch());
        assertUnchanged(other, bytes("another file's download"));
        assertFalse(warnings().contains(other.toString()), warnings());
        assertTrue(Files.exists(cached()));
    }

    @Test
    void completeDownloadThatWasNeverRenamedIsMovedIntoPlace() {
        Path part = write(cached().resolveSibling("." + NAME + ".part"), GZ); // the run died between check and rename
        server.on("/down", status(500, "down"));
        assertEquals(cached(), file(server.url("/down")).fetch());
        assertMentions(warnings(), part + " is a complete, valid download", "moved it into place at " + cached());
        assertEquals(0, server.hits("/down"));
        assertCachedValid();
    }

    @Test
    void truncatedPartialFileIsNeverUsed() {
        write(cached().resolveSibling("." + NAME + ".part"), TRUNCATED);
        server.on("/down", status(500, "down"));
        fails(DataUnavailableException.class, file(server.url("/down"))::fetch, "HTTP 500");
        assertMentions(warnings(), "removed " + cached().resolveSibling("." + NAME + ".part"));
        assertNothingCached();
    }
}
