package dlnb.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * The data file every fault test fetches: text-like content (so two gzip levels give different archives
 * of the same content), its gzip archive, checked like FashionMNIST's files: the publisher's MD5 of the
 * archive, or the SHA-256 of the unpacked content. No JUnit here: child JVMs use it too.
 */
final class FaultData {
    static final String DATASET = "faults";
    static final String NAME = "data.bin.gz";
    static final byte[] CONTENT = content();
    static final byte[] GZ = gzip(CONTENT, 9);
    static final byte[] GZ_RECOMPRESSED = gzip(CONTENT, 1);

    private FaultData() {
    }

    static RemoteFile file(URI url, Path... localDirs) {
        return new RemoteFile(DATASET, NAME, url, Checksum.md5(md5(GZ)), localDirs).or(Checksum.sha256(sha256(CONTENT)).unpacked());
    }

    private static byte[] content() {
        StringBuilder s = new StringBuilder();
        java.util.Random r = new java.util.Random(7);
        while (s.length() < 20_000) {
            s.append("row ").append(r.nextInt(1000)).append(", value ").append(r.nextInt(50)).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] gzip(byte[] content, int level) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(level);
            }
        }) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String md5(byte[] b) {
        return digest("MD5", b);
    }

    static String sha256(byte[] b) {
        return digest("SHA-256", b);
    }

    private static String digest(String algorithm, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
