package dlnb.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecksumTest {
    // FIPS 180-2 and RFC 1321 test vectors for "abc".
    static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static final String MD5_ABC = "900150983cd24fb0d6963f7d28e17f72";

    @Test
    void matchesPublishedTestVectors(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc");
        assertEquals(SHA256_ABC, Checksum.sha256(SHA256_ABC.toUpperCase()).of(file));
        assertTrue(Checksum.sha256(SHA256_ABC).matches(file));
        assertTrue(Checksum.md5(MD5_ABC).matches(file));
        assertFalse(Checksum.md5(MD5_ABC).matches(dir.resolve("missing")));
    }

    @Test
    void rejectsMalformedChecksums() {
        assertEquals("checksum must be hexadecimal, got \"xyz\"",
                assertThrows(IllegalArgumentException.class, () -> Checksum.sha256("xyz")).getMessage());
        assertEquals("MD5 checksum must have 32 hex digits, got 4",
                assertThrows(IllegalArgumentException.class, () -> Checksum.md5("abcd")).getMessage());
    }
}
