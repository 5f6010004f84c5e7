package dlnb.data;

import dlnb.Args;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** The digest a downloaded file must have: SHA-256 where we computed it, or the publisher's (OpenML gives MD5). */
public final class Checksum {
    private final String algorithm;
    private final String hex;

    private Checksum(String algorithm, String hex) {
        Args.notBlank("checksum", hex);
        Args.check(hex.matches("[0-9a-fA-F]+"), "checksum must be hexadecimal, got \"" + hex + "\"");
        this.algorithm = algorithm;
        this.hex = hex.toLowerCase(Locale.ROOT);
        Args.check(this.hex.length() == 2 * digest().getDigestLength(),
                algorithm + " checksum must have " + 2 * digest().getDigestLength() + " hex digits, got " + hex.length());
    }

    public static Checksum sha256(String hex) {
        return new Checksum("SHA-256", hex);
    }

    public static Checksum md5(String hex) {
        return new Checksum("MD5", hex);
    }

    public String algorithm() {
        return algorithm;
    }

    public String hex() {
        return hex;
    }

    /** The digest of a file in this checksum's algorithm, as lowercase hex. */
    public String of(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public boolean matches(Path file) throws IOException {
        return Files.isRegularFile(file) && hex.equals(of(file));
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return algorithm + " " + hex;
    }
}
