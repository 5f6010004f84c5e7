package dlnb.data;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static dlnb.data.FaultServer.ok;
import static dlnb.data.FaultServer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fault class 4, cached metadata validated like data: OpenML descriptions that are truncated, HTML,
 * malformed or incomplete, in the cache, a mirror or as downloaded. A bad stored description is named,
 * moved aside and fetched again; a bad download is never stored.
 */
class MetadataFaultsTest extends FaultCase {
    private static final int ID = 999200;
    private Path arff;
    private String valid;

    static String description(int id, String name, String url, String md5) {
        return description(id, name, url, md5, "Class");
    }

    static String description(int id, String name, String url, String md5, String target) {
        return "{\"data_set_description\":{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"version\":\"1\",\"file_id\":\"9\","
                + "\"default_target_attribute\":\"" + target + "\",\"url\":\"" + url.replace("/", "\\/") + "\",\"tag\":[\"a\",\"b\"],"
                + "\"md5_checksum\":\"" + md5 + "\"}}";
    }

    @BeforeEach
    void describeAToyDataSet() {
        System.setProperty(OpenMlDescription.API_PROPERTY, server.url("/api").toString());
        arff = write(root.resolve("served/toy.arff"), bytes(ArffTest.TOY));
        valid = description(ID, "toy", arff.toUri().toString(), md5(bytes(ArffTest.TOY)));
        server.on("/api/" + ID, ok(valid));
    }

    private Path cachedDescription() {
        return cache.resolve("openml/" + ID + "-description.json");
    }

    /** A stored description that is bad in some way: it is named, moved aside with its bytes, fetched again. */
    private void assertReplaced(byte[] bad, String... problem) throws Exception {
        write(cachedDescription(), bad);
        assertEquals(3, OpenMl.binary(ID).size(), "the data set loads from the fetched description");
        assertMentions(warnings(), cachedDescription().toString());
        assertMentions(warnings(), problem);
        assertMovedAside(cachedDescription(), bad, warnings());
        assertEquals(valid, Files.readString(cachedDescription()), "the fetched description replaces it");
        assertEquals(1, server.hits("/api/" + ID));
        assertNoPartials();
    }

    @Test
    void truncatedCachedDescription() throws Exception {
        assertReplaced(bytes(valid.substring(0, valid.length() - 30)), "is not valid JSON", "it ends early, truncated?", "line 1 column");
    }

    @Test
    void htmlInsteadOfJson() throws Exception {
        assertReplaced(bytes("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>"), "is an HTML or XML page");
    }

    @Test
    void malformedEscapeSequence() throws Exception {
        assertReplaced(bytes(valid.replace("\"toy\"", "\"to\\xy\"")), "is not valid JSON", "line 1 column");
    }

    @Test
    void malformedUnicodeEscape() throws Exception {
        assertReplaced(bytes(valid.replace("\"toy\"", "\"to\\u12G4y\"")), "malformed \\u escape");
    }

    @Test
    void missingChecksumField() throws Exception {
        assertReplaced(bytes(valid.replaceAll(",\"md5_checksum\":\"[0-9a-f]+\"", "")), "field data_set_description.md5_checksum is missing");
    }

    @Test
    void checksumFieldThatIsNotHex() throws Exception {
        assertReplaced(bytes(valid.replaceAll("\"md5_checksum\":\"[0-9a-f]+\"", "\"md5_checksum\":\"see website\"")),
                "md5_checksum must be 32 hex digits", "\"see website\"");
    }

    @Test
    void fieldOfTheWrongType() throws Exception {
        assertReplaced(bytes(valid.replace("\"name\":\"toy\"", "\"name\":{\"en\":\"toy\"}")),
                "field data_set_description.name must be a string");
    }

    @Test
    void descriptionOfAnotherDataSet() throws Exception {
        assertReplaced(bytes(valid.replace("\"id\":\"" + ID + "\"", "\"id\":\"37\"")), "describes data set 37, not " + ID);
    }

    @Test
    void emptyCachedDescription() throws Exception {
        assertReplaced(new byte[0], "is empty");
    }

    @Test
    void binaryGarbage() throws Exception {
        assertReplaced(new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3}, "is not UTF-8 text");
    }

    @Test
    void textAfterTheDocument() throws Exception {
        assertReplaced(bytes(valid + "{\"again\":1}"), "text after the end of the document");
    }

    @Test
    void jsonWithoutADescription() throws Exception {
        assertReplaced(bytes("{\"error\":{\"code\":\"111\",\"message\":\"Unknown dataset\"}}"), "no data_set_description object");
    }

    @Test
    void folderWhereTheDescriptionShouldBe() throws Exception {
        Files.createDirectories(cachedDescription().resolve("inside"));
        assertEquals(3, OpenMl.binary(ID).size());
        assertMentions(warnings(), cachedDescription() + ": cannot be read", "moved it to");
        assertEquals(1, rejected(cachedDescription()).size());
        assertTrue(Files.isDirectory(rejected(cachedDescription()).get(0).resolve("inside")), "the folder is kept, renamed");
        assertNoPartials();
    }

    @Test
    void invalidCachedDescriptionWhileOffline() throws Exception {
        server.on("/api/" + (ID + 1), status(503, "down"));
        Path stored = write(cache.resolve("openml/" + (ID + 1) + "-description.json"), bytes("{\"data_set_description\":{\"id\":"));
        DataUnavailableException e = fails(DataUnavailableException.class, () -> OpenMl.binary(ID + 1), "OpenML data set " + (ID + 1),
                "1. " + stored + ": is not valid JSON", "HTTP 503", server.url("/api/" + (ID + 1)).toString());
        assertMovedAside(stored, bytes("{\"data_set_description\":{\"id\":"), e.getMessage());
        assertFalse(Files.exists(stored), "nothing stored from the failed download");
        assertNoPartials();
    }

    @Test
    void invalidMirrorDescriptionIsSkippedAndLeftAlone() throws Exception {
        useMirrors(mirror);
        byte[] bad = bytes("<html>not json</html>");
        Path inMirror = write(mirror.resolve("openml/" + ID + "-description.json"), bad);
        assertEquals(3, OpenMl.binary(ID).size());
        assertMentions(warnings(), inMirror + ": is an HTML or XML page", "skipping it");
        assertUnchanged(inMirror, bad);
        assertTrue(rejected(inMirror).isEmpty(), "a mirror is read-only to us: nothing moved there");
        assertEquals(valid, Files.readString(cachedDescription()));
        assertNoPartials();
    }

    @Test
    void downloadedHtmlIsNotStored() {
        server.on("/api/" + (ID + 2), ok("<html><body>Service temporarily unavailable</body></html>"));
        fails(DataUnavailableException.class, () -> OpenMl.description(ID + 2), "OpenML's answer is not a valid description",
                server.url("/api/" + (ID + 2)) + ": is an HTML or XML page");
        assertFalse(Files.exists(cache.resolve("openml/" + (ID + 2) + "-description.json")));
        assertNoPartials();
    }

    @Test
    void downloadedTruncatedJsonIsNotStored() {
        server.on("/api/" + (ID + 3), ok(valid.substring(0, 60)));
        fails(DataUnavailableException.class, () -> OpenMl.description(ID + 3), "is not valid JSON", "it ends early, truncated?");
        assertFalse(Files.exists(cache.resolve("openml/" + (ID + 3) + "-description.json")));
        assertNoPartials();
    }

    @Test
    void downloadedDescriptionOfAnotherIdIsNotStored() {
        server.on("/api/" + (ID + 4), ok(valid));
        fails(DataUnavailableException.class, () -> OpenMl.description(ID + 4), "describes data set " + ID + ", not " + (ID + 4));
        assertFalse(Files.exists(cache.resolve("openml/" + (ID + 4) + "-description.json")));
        assertNoPartials();
    }

    @Test
    void corruptVerifiedCopyInTheCacheIsMovedAsideAndFetchedAgain() throws Exception {
        Path shared = Path.of("/work/shared/data/openml/37-diabetes.arff");
        assumeTrue(Files.isRegularFile(shared), "the shared OpenML copies are absent on this machine");
        byte[] good = Files.readAllBytes(shared);
        server.on("/api/37", ok(description(37, "diabetes", shared.toUri().toString(), md5(good), "class")));
        Path inCache = cache.resolve("openml/37-diabetes.arff");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        write(inCache, truncated);
        assertEquals(768, OpenMl.binary(37).size());
        assertMentions(warnings(), "cached " + inCache, "has SHA-256");
        assertMovedAside(inCache, truncated, warnings());
        assertUnchanged(inCache, good);
        assertNoPartials();
    }

    @Test
    void corruptVerifiedCopyInAMirrorIsSkippedForTheCachedOne() throws Exception {
        Path shared = Path.of("/work/shared/data/openml/1464-blood-transfusion-service-center.arff");
        assumeTrue(Files.isRegularFile(shared), "the shared OpenML copies are absent on this machine");
        useMirrors(mirror);
        byte[] bad = bytes(ArffTest.TOY);
        Path inMirror = write(mirror.resolve("openml/" + shared.getFileName()), bad);
        write(cache.resolve("openml/" + shared.getFileName()), Files.readAllBytes(shared));
        assertEquals(cache.resolve("openml/" + shared.getFileName()), OpenMl.locate(1464).arff());
        assertMentions(warnings(), inMirror + " has SHA-256", "skipping it");
        assertUnchanged(inMirror, bad);
        assertEquals(0, server.hits("/api/1464"), "no description needed");
        assertNoPartials();
    }
}
