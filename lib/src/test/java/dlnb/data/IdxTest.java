package dlnb.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import static dlnb.data.IdxFixtures.gz;
import static dlnb.data.IdxFixtures.idx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxTest {
    @TempDir
    Path dir;

    @Test
    void readsGzippedImagesWithSizesAndContentDigest() throws Exception {
        byte[] body = {0, 1, 2, 3, 4, 5, (byte) 250, (byte) 251, (byte) 252, (byte) 253, (byte) 254, (byte) 255};
        byte[] content = idx(2051, new int[]{2, 2, 3}, body);
        Idx.Images im = Idx.readImages(gz(dir, "im.gz", content));
        assertEquals(2, im.count());
        assertEquals(2, im.rows());
        assertEquals(3, im.cols());
        assertArrayEquals(body, im.pixels());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertEquals(sha, im.contentSha256(), "digest is of the unpacked bytes, header included");
    }

    @Test
    void readsUnpackedLabels() throws Exception {
        Path file = dir.resolve("labels");
        Files.write(file, idx(2049, new int[]{4}, new byte[]{9, 0, 3, 7}));
        Idx.Labels labels = Idx.readLabels(file);
        assertEquals(4, labels.count());
        assertArrayEquals(new byte[]{9, 0, 3, 7}, labels.values());
    }

    @Test
    void wrongMagicNamesTheFileAndBothNumbers() throws Exception {
        Path file = gz(dir, "swapped.gz", idx(2049, new int[]{3}, new byte[3]));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("2049") && e.getMessage().contains("2051"), e.getMessage());
        assertEquals(file, e.file());
    }

    @Test
    void truncatedBodyIsReportedWithDeclaredAndActualSizes() throws Exception {
        byte[] content = idx(2051, new int[]{2, 28, 28}, new byte[2 * 28 * 28]);
        Path file = gz(dir, "short.gz", Arrays.copyOf(content, content.length - 100));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(file));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("1568") && e.getMessage().contains("1468"),
                e.getMessage());
    }

    @Test
    void truncatedGzipArchiveIsReported() throws Exception {
        Path whole = gz(dir, "whole.gz", idx(2051, new int[]{50, 28, 28}, IdxFixtures.images(50, 28, 28)));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readImages(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }

    @Test
    void emptyFileAndMissingFileAndTrailingBytesAreReported() throws Exception {
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        assertTrue(assertThrows(IdxFormatException.class, () -> Idx.readLabels(empty)).getMessage().contains("magic number"));
        Path missing = dir.resolve("missing.gz");
        assertTrue(assertThrows(IdxFormatException.class, () -> Idx.readLabels(missing)).getMessage().contains("no such file"));
        byte[] content = idx(2049, new int[]{2}, new byte[]{1, 2});
        Path longer = gz(dir, "longer.gz", Arrays.copyOf(content, content.length + 5));
        assertTrue(assertThrows(IdxFormatException.class, () -> Idx.readLabels(longer)).getMessage().contains("bytes after"));
    }

    @Test
    void nullFileIsAnArgumentError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.readImages(null));
        assertTrue(e.getMessage().contains("file"));
    }
}
