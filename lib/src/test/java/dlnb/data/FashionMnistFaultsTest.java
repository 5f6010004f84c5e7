package dlnb.data;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fault classes 2 and 3 for FashionMNIST's own files, read once per copy (the parse verifies the content):
 * copies of the real 10,000 test labels from Debian's package, recompressed, unpacked, truncated or of
 * the wrong part, in a stand-in Debian folder, a mirror and the cache.
 */
class FashionMnistFaultsTest extends FaultCase {
    private static final FashionMnist.Part PART = FashionMnist.Part.TEST_LABELS;
    private byte[] debianGz;
    private byte[] content;
    private Path debian;

    @BeforeEach
    void realLabels() throws Exception {
        Path real = Path.of(FashionMnist.DEBIAN_DIR, PART.fileName());
        assumeTrue(Files.isRegularFile(real), "Debian's dataset-fashion-mnist is not installed");
        debianGz = Files.readAllBytes(real);
        content = new GZIPInputStream(new ByteArrayInputStream(debianGz)).readAllBytes();
        debian = Files.createDirectories(root.resolve("debian"));
    }

    private Idx.Labels fetch(RemoteFile f) {
        return f.fetch(Idx::readLabels, Idx.Labels::contentSha256);
    }

    private Path cachedPart() {
        return cache.resolve(FashionMnist.DATASET).resolve(PART.fileName());
    }

    @Test
    void debiansRecompressedArchiveIsAcceptedByContent() {
        write(debian.resolve(PART.fileName()), debianGz);
        assertEquals(10_000, fetch(PART.remote(debian)).count());
        assertFalse(Files.exists(cache.resolve(FashionMnist.DATASET)), "nothing copied");
        assertFalse(warnings().contains("warning"), warnings());
    }

    @Test
    void unpackedCopyInAMirrorIsAccepted() {
        useMirrors(mirror);
        write(mirror.resolve("fashion-mnist/t10k-labels-idx1-ubyte"), content);
        assertEquals(10_000, fetch(PART.remote(debian)).count());
        assertFalse(warnings().contains("warning"), warnings());
    }

    @Test
    void truncatedDebianCopyFallsBackToTheMirror() {
        byte[] truncated = Arrays.copyOf(debianGz, debianGz.length - 500);
        Path local = write(debian.resolve(PART.fileName()), truncated);
        useMirrors(mirror);
        write(mirror.resolve("fashion-mnist/" + PART.fileName()), FaultData.gzip(content, 1));
        assertEquals(10_000, fetch(PART.remote(debian)).count());
        assertMentions(warnings(), local + " the gzip archive ends early", "skipping it");
        assertUnchanged(local, truncated);
        assertNoPartials();
    }

    @Test
    void copyOfTheWrongPartIsSkipped() throws Exception {
        byte[] trainLabels = Files.readAllBytes(Path.of(FashionMnist.DEBIAN_DIR, FashionMnist.Part.TRAIN_LABELS.fileName()));
        Path local = write(debian.resolve(PART.fileName()), trainLabels);
        useMirrors(mirror);
        write(mirror.resolve(PART.fileName()), debianGz);
        assertEquals(10_000, fetch(PART.remote(debian)).count());
        assertMentions(warnings(), local + " has SHA-256 of the unpacked content", "but " + PART.contentSha256() + " was expected");
        assertNoPartials();
    }

    @Test
    void imagesWhereLabelsShouldBeAreSkipped() throws Exception {
        byte[] images = FaultData.gzip(IdxFixtures.idx(Idx.IMAGES_MAGIC, new int[]{1, 28, 28}, new byte[784]), 6);
        Path local = write(debian.resolve(PART.fileName()), images);
        useMirrors(mirror);
        write(mirror.resolve(PART.fileName()), debianGz);
        assertEquals(10_000, fetch(PART.remote(debian)).count());
        assertMentions(warnings(), local + " magic number is 2051 but an IDX labels file has 2049");
    }

    @Test
    void corruptCacheCopyIsMovedAsideAndTheDownloadIsVerifiedByContent() throws Exception {
        byte[] corrupt = debianGz.clone();
        for (int i = 100; i < 140; i++) {
            corrupt[i] ^= 0x33;
        }
        write(cachedPart(), corrupt);
        Path source = write(root.resolve("served/" + PART.fileName()), debianGz);
        RemoteFile f = new RemoteFile(FashionMnist.DATASET, PART.fileName(), source.toUri(), PART.gzChecksum()).or(PART.contentChecksum());
        assertEquals(10_000, fetch(f).count());
        assertMentions(warnings(), "cached " + cachedPart(), "moved it to");
        assertMovedAside(cachedPart(), corrupt, warnings());
        assertUnchanged(cachedPart(), debianGz);
        assertNoPartials();
    }

    @Test
    void offlineWithNoValidCopyListsEveryPlace() {
        Path local = write(debian.resolve(PART.fileName()), Arrays.copyOf(debianGz, 100));
        RemoteFile f = new RemoteFile(FashionMnist.DATASET, PART.fileName(), URI.create("http://127.0.0.1:9/" + PART.fileName()),
                PART.gzChecksum(), debian).or(PART.contentChecksum());
        fails(DataUnavailableException.class, () -> fetch(f), "Data set 'fashion-mnist', file " + PART.fileName(),
                "1. " + local + ": the gzip archive ends early", "could not connect to 127.0.0.1:9",
                "expected MD5 " + PART.gzChecksum().hex() + " or SHA-256 of the unpacked content " + PART.contentSha256());
        assertFalse(Files.exists(cachedPart()));
        assertNoPartials();
    }
}
