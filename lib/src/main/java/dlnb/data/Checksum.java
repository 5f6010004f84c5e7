package dlnb.data;

import dlnb.Args;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The digest a data file must have: SHA-256 where we computed it, or the publisher's (OpenML gives MD5).
 *
 * <p>A checksum is either of the file's bytes, or ({@link #unpacked()}) of its content after gunzip
 * (a file that is not gzipped is its own content). The second identifies the data whatever gzip
 * settings a redistributor or a user used, so a recompressed or unpacked copy still verifies.
 */
public final class Checksum {
    private final String algorithm;
    private final String hex;
    private final boolean unpacked;

    private Checksum(String algorithm, String hex, boolean unpacked) {
        Args.notBlank("checksum", hex);
        Args.check(hex.matches("[0-9a-fA-F]+"), "checksum must be hexadecimal, got \"" + hex + "\"");
        this.algorithm = algorithm;
        this.hex = hex.toLowerCase(Locale.ROOT);
        this.unpacked = unpacked;
        Args.check(this.hex.length() == 2 * digest().getDigestLength(),
                algorithm + " checksum must have " + 2 * digest().getDigestLength() + " hex digits, got " + hex.length());
    }

    public static Checksum sha256(String hex) {
        return new Checksum("SHA-256", hex, false);
    }

    public static Checksum md5(String hex) {
        return new Checksum("MD5", hex, false);
    }

    /** The same digest taken over the content after gunzip (of the bytes themselves when not gzipped). */
    public Checksum unpacked() {
        return new Checksum(algorithm, hex, true);
    }

    /** Whether this digest is of the unpacked content rather than of the file's bytes. */
    public boolean isOfUnpacked() {
        return unpacked;
    }

    public String algorithm() {
        return algorithm;
    }

    public String hex() {
        return hex;
    }

    /**
     * The digest of a file in this checksum's algorithm (of its unpacked content for an {@link #unpacked()}
     * checksum), as lowercase hex. A damaged gzip archive throws a {@link java.util.zip.ZipException}, a
     * truncated one an {@link java.io.EOFException}.
     */
    public String of(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InputStream in = unpacked && isGzip(raw) ? new GZIPInputStream(raw, 1 << 16) : raw;
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

    /** Whether a stream starts with gzip's magic bytes 1f 8b (the stream must support mark). */
    static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }

    /** Same algorithm, digest and kind. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Checksum c && c.algorithm.equals(algorithm) && c.hex.equals(hex) && c.unpacked == unpacked;
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    /** "MD5 0123...", or "SHA-256 of the unpacked content 0123...". */
    @Override
    public String toString() {
        return algorithm + (unpacked ? " of the unpacked content " : " ") + hex;
    }
}
