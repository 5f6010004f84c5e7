package dlnb.data;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault class 5, names that cannot leave the cache: data-set and file names with "..", separators,
 * absolute paths, hidden names or control characters are refused before anything is created, and the
 * name OpenML gives a data set is made safe.
 */
class NameFaultsTest extends FaultCase {
    private static final URI URL = URI.create("http://127.0.0.1:9/x");

    /** Refused with a message quoting the name; nothing written inside or beside the cache. */
    private void assertRefused(String dataset, String fileName, String quoted) {
        fails(IllegalArgumentException.class, () -> new RemoteFile(dataset, fileName, URL, Checksum.md5(md5(GZ))).fetch(),
                "must be a plain name", quoted);
        assertFalse(Files.exists(cache), "nothing created");
        try (Stream<Path> s = Files.list(root)) {
            assertEquals(java.util.List.of(mirror), s.toList(), "only the test's own mirror folder exists under " + root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void dataSetNameWithParentReference() {
        assertRefused("../outside", NAME, "\"../outside\"");
    }

    @Test
    void fileNameWithParentReference() {
        assertRefused(DATASET, "../../etc/passwd", "\"../../etc/passwd\"");
    }

    @Test
    void absoluteDataSetName() {
        assertRefused(root.resolve("elsewhere").toString(), NAME, root.resolve("elsewhere").toString());
    }

    @Test
    void fileNameWithASubfolder() {
        assertRefused(DATASET, "sub/" + NAME, "\"sub/" + NAME + "\"");
    }

    @Test
    void fileNameWithABackslash() {
        assertRefused(DATASET, "..\\" + NAME, "\"..\\" + NAME + "\"");
    }

    @Test
    void dotDotAlone() {
        assertRefused("..", NAME, "\"..\"");
    }

    @Test
    void hiddenFileNameClashingWithPartialFiles() {
        assertRefused(DATASET, "." + NAME + ".part", "\"." + NAME + ".part\"");
    }

    @Test
    void nulCharacterInAName() {
        assertRefused(DATASET, "data\0.gz", "data\\0.gz");
    }

    @Test
    void windowsDriveInAName() {
        assertRefused("C:", NAME, "\"C:\"");
    }

    @Test
    void cacheLocationRefusesEscapingNamesToo() {
        fails(IllegalArgumentException.class, () -> DataCache.location("openml", "../../x.arff"), "file name must be a plain name");
        fails(IllegalArgumentException.class, () -> DataCache.location("", "x"), "data set name must not be empty");
        assertFalse(Files.exists(cache));
    }

    @Test
    void openMlNameWithPathCharactersStaysInTheCache() throws Exception {
        String json = MetadataFaultsTest.description(999300, "../../evil", root.resolve("evil.arff").toUri().toString(),
                md5(bytes(ArffTest.TOY)));
        write(root.resolve("evil.arff"), bytes(ArffTest.TOY));
        write(cache.resolve("openml/999300-description.json"), bytes(json));
        OpenMl.Source s = OpenMl.locate(999300);
        assertEquals(cache.resolve("openml/999300-.._.._evil.arff"), s.arff());
        assertMentions(warnings(), "downloading " + root.resolve("evil.arff").toUri() + " to " + s.arff());
        assertTrue(s.arff().normalize().startsWith(cache), s.arff() + " must lie inside " + cache);
        assertFalse(Files.exists(root.resolve("evil.arff.part")));
        assertNoPartials();
    }
}
