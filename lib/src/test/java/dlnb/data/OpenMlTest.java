package dlnb.data;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenMlTest {
    /** The project's own copies (lib/src/test/data, see its README); Maven runs tests in lib/. */
    private static final Path TEST_DATA = Paths.get("src/test/data").toAbsolutePath();

    @TempDir
    Path cache;

    @BeforeEach
    void isolateCache() {
        System.setProperty(DataCache.PROPERTY, cache.toString());
        System.setProperty(DataCache.MIRROR_PROPERTY, "");
    }

    @AfterEach
    void restore() {
        System.clearProperty(DataCache.PROPERTY);
        System.clearProperty(DataCache.MIRROR_PROPERTY);
    }

    private static void useProjectTestData() {
        assertTrue(Files.isDirectory(TEST_DATA.resolve("openml")), "the project's test data " + TEST_DATA + " is missing");
        System.setProperty(DataCache.MIRROR_PROPERTY, TEST_DATA.toString());
    }

    @Test
    void bloodTransfusionFromTheVerifiedMirrorCopy() {
        useProjectTestData();
        OpenMl.Source s = OpenMl.locate(1464);
        assertEquals(TEST_DATA.resolve("openml/1464-blood-transfusion-service-center.arff").toAbsolutePath(), s.arff());
        BinaryData d = OpenMl.binary(1464);
        // README: 748 rows, Class 2 = donated (178), 1 = not (570)
        assertEquals(748, d.size());
        assertEquals(178, d.positives());
        assertEquals("2", d.positiveClass());
        assertEquals(4, d.featureNames().size());
        assertEquals("blood-transfusion-service-center", d.name());
        // first data row: 2,50,12500,98,2
        assertEquals(12500, d.x()[0][2]);
        assertEquals(1, d.y()[0]);
    }

    @Test
    void diabetesFromTheVerifiedMirrorCopy() {
        useProjectTestData();
        BinaryData d = OpenMl.binary(37);
        assertEquals(768, d.size());
        assertEquals(268, d.positives());
        assertEquals("tested_positive", d.positiveClass());
        assertEquals(8, d.featureNames().size());
        assertEquals("preg", d.featureNames().get(0));
    }

    @Test
    void descriptionParsesOpenMlJson() {
        String json = "{\"data_set_description\":{\"id\":\"37\",\"name\":\"diabetes\",\"version\":\"1\","
                + "\"format\":\"ARFF\",\"file_id\":\"37\",\"default_target_attribute\":\"class\","
                + "\"url\":\"https:\\/\\/api.openml.org\\/data\\/v1\\/download\\/37\\/diabetes.arff\","
                + "\"tag\":[\"a\",\"b\"],\"md5_checksum\":\"0123456789abcdef0123456789ABCDEF\"}}";
        OpenMlDescription d = OpenMlDescription.parse(json);
        assertEquals(37, d.id());
        assertEquals("diabetes", d.name());
        assertEquals("37", d.fileId());
        assertEquals("https://api.openml.org/data/v1/download/37/diabetes.arff", d.url());
        assertEquals("class", d.defaultTarget());
        assertEquals("37-diabetes.arff", d.fileName());
        // without a url field, the download URL is built from file_id and name
        OpenMlDescription built = OpenMlDescription.parse(json.replaceAll("\"url\":\"[^\"]*\",", ""));
        assertEquals("https://www.openml.org/data/v1/download/37/diabetes.arff", built.url());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenMlDescription.parse("{\"error\":{\"code\":\"111\"}}"));
        assertTrue(e.getMessage().contains("not an OpenML data set description"), e.getMessage());
    }

    /** A cached description pointing (file: URL) at a fixture ARFF exercises the download path offline. */
    private Path describe(int id, String name, Path arff, String md5) throws Exception {
        Files.createDirectories(cache.resolve("openml"));
        String json = "{\"data_set_description\":{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"file_id\":\"9\","
                + "\"default_target_attribute\":\"Class\",\"url\":\"" + arff.toUri() + "\",\"md5_checksum\":\"" + md5 + "\"}}";
        return Files.writeString(cache.resolve("openml").resolve(id + "-description.json"), json);
    }

    @Test
    void unknownIdGoesThroughItsDescriptionAndMd5(@TempDir Path elsewhere) throws Exception {
        Path arff = Files.writeString(elsewhere.resolve("toy.arff"), ArffTest.TOY);
        describe(999001, "toy", arff, Checksum.md5("00000000000000000000000000000000").of(arff));
        BinaryData d = OpenMl.binary(999001);
        assertEquals(3, d.size());
        assertEquals("yes", d.positiveClass());
        assertTrue(Files.isRegularFile(cache.resolve("openml/999001-toy.arff")), "cached under the data set's file name");
    }

    @Test
    void wrongChecksumSaysWhatWasExpected(@TempDir Path elsewhere) throws Exception {
        Path arff = Files.writeString(elsewhere.resolve("toy.arff"), ArffTest.TOY);
        describe(999002, "toy", arff, "0123456789abcdef0123456789abcdef");
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> OpenMl.binary(999002));
        assertTrue(e.getMessage().contains("0123456789abcdef0123456789abcdef was expected"), e.getMessage());
    }

    @Test
    void corruptMirrorCopyIsIgnoredAndTheMessageSaysHowToFixIt(@TempDir Path mirror) throws Exception {
        Files.createDirectories(mirror.resolve("openml"));
        Path bad = Files.writeString(mirror.resolve("openml/37-diabetes.arff"), ArffTest.TOY);
        System.setProperty(DataCache.MIRROR_PROPERTY, mirror.toString());
        // no network in tests: the description is cached and names the corrupt copy with OpenML's (other) MD5
        describe(37, "diabetes", bad, "ffffffffffffffffffffffffffffffff");
        DataUnavailableException e = assertThrows(DataUnavailableException.class, () -> OpenMl.binary(37));
        assertTrue(e.getMessage().contains("was expected"), e.getMessage());
    }

    @Test
    void badIdIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenMl.binary(0));
        assertTrue(e.getMessage().contains("id must be positive, got 0"), e.getMessage());
    }
}
