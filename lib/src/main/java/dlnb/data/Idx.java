package dlnb.data;

import dlnb.Args;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader for IDX files of unsigned bytes (LeCun's MNIST format, also used by FashionMNIST): a big-endian
 * header {@code 0x00 0x00 0x08 <dims>}, one 32-bit size per dimension, then the bytes. Gzipped files
 * are recognised by their first two bytes, so both {@code .gz} and unpacked files are read.
 *
 * <p>Each result carries the SHA-256 of the <em>unpacked</em> bytes: it identifies the data whatever
 * gzip settings a redistributor used (Debian's FashionMNIST package recompressed the archives, so their
 * digests differ from upstream's while the content is the same).
 */
public final class Idx {
    /** Magic number of a 3-dimensional unsigned-byte IDX file (images: count, rows, columns). */
    public static final int IMAGES_MAGIC = 0x0803;
    /** Magic number of a 1-dimensional unsigned-byte IDX file (labels). */
    public static final int LABELS_MAGIC = 0x0801;

    private Idx() {
    }

    /** Images as unsigned bytes, image after image, row after row. */
    public record Images(int count, int rows, int cols, byte[] pixels, String contentSha256) {
    }

    /** Labels as unsigned bytes (0-255). */
    public record Labels(int count, byte[] values, String contentSha256) {
    }

    /** Reads an image file (magic 2051); throws {@link IdxFormatException} naming the file and what is wrong. */
    public static Images readImages(Path file) {
        Parsed p = read(Args.notNull("file", file), IMAGES_MAGIC, "images");
        return new Images(p.dims[0], p.dims[1], p.dims[2], p.body, p.sha256);
    }

    /** Reads a label file (magic 2049). */
    public static Labels readLabels(Path file) {
        Parsed p = read(Args.notNull("file", file), LABELS_MAGIC, "labels");
        return new Labels(p.dims[0], p.body, p.sha256);
    }

    private record Parsed(int[] dims, byte[] body, String sha256) {
    }

    private static Parsed read(Path file, int magic, String kind) {
        MessageDigest sha = sha256();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            boolean gzip = Checksum.isGzip(raw);
            InputStream unpacked = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            DataInputStream in = new DataInputStream(new DigestInputStream(unpacked, sha));
            int actualMagic = readInt(file, in, "the magic number");
            int dimensions = magic & 0xff;
            if (actualMagic != magic) {
                throw new IdxFormatException(file, "magic number is " + actualMagic + " but an IDX " + kind
                        + " file has " + magic + " (unsigned bytes, " + dimensions + " dimension"
                        + (dimensions == 1 ? "" : "s") + "); is this the right file?");
            }
            int[] dims = new int[dimensions];
            long total = 1;
            for (int d = 0; d < dims.length; d++) {
                dims[d] = readInt(file, in, "the size of dimension " + (d + 1));
                if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                    throw new IdxFormatException(file, "dimension " + (d + 1) + " has size " + dims[d]);
                }
                total *= dims[d]; // each factor < 2^31 and total checked below 2^31 before it: no long overflow
                if (total > Integer.MAX_VALUE - 8) {
                    throw new IdxFormatException(file, "declares sizes " + Arrays.toString(Arrays.copyOf(dims, d + 1))
                            + (d + 1 < dims.length ? "..." : "") + ", more bytes of " + kind + " than one array can hold");
                }
            }
            // a header can claim anything: check it against the file before allocating what it claims
            long fileSize = Files.size(file);
            long header = 4L + 4L * dimensions;
            if (!gzip && total > fileSize - header) {
                throw new IdxFormatException(file, "is truncated: the header declares " + total + " bytes of " + kind
                        + " but the file holds only " + Math.max(0, fileSize - header) + " after its header");
            }
            if (gzip && total > MAX_DEFLATE_RATIO * fileSize) {
                throw new IdxFormatException(file, "declares " + total + " bytes of " + kind + ", more than a " + fileSize
                        + "-byte gzip archive can hold (a corrupt header?)");
            }
            byte[] body = gzip ? readGrowing(in, total) : in.readNBytes((int) total);
            if (body.length < total) {
                throw new IdxFormatException(file, "is truncated: the header declares " + total + " bytes of " + kind
                        + " but only " + body.length + " follow");
            }
            if (in.read() != -1) {
                throw new IdxFormatException(file, "has bytes after the " + kind + " its header declares (a different or corrupt file?)");
            }
            return new Parsed(dims, body, HexFormat.of().formatHex(sha.digest()));
        } catch (NoSuchFileException e) {
            throw new IdxFormatException(file, "no such file", e);
        } catch (ZipException e) {
            throw new IdxFormatException(file, "is not a valid gzip archive (" + e.getMessage() + "); a partial or corrupt download?", e);
        } catch (EOFException e) {
            throw new IdxFormatException(file, "the gzip archive ends early (truncated download?)", e);
        } catch (IOException e) {
            throw new IdxFormatException(file, "could not be read (" + DataCache.describe(e) + ")", e);
        }
    }

    /** Deflate cannot compress by more than about 1032:1, so a gzip file of n bytes unpacks to at most this times n. */
    private static final long MAX_DEFLATE_RATIO = 1100;

    /**
     * Up to {@code total} bytes, in a buffer that grows as they arrive (16 MB, then doubling), so a header
     * that overstates the content fails at the end of the stream instead of allocating what it claims.
     * Returns fewer bytes only if the stream ends first.
     */
    private static byte[] readGrowing(InputStream in, long total) throws IOException {
        byte[] buf = new byte[(int) Math.min(total, 1 << 24)];
        int n = 0;
        while (n < total) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(total, 2L * buf.length));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                return Arrays.copyOf(buf, n);
            }
            n += r;
        }
        return buf;
    }

    private static int readInt(Path file, DataInputStream in, String what) throws IOException {
        byte[] b = new byte[4];
        int n = in.readNBytes(b, 0, 4);
        if (n < 4) {
            throw new IdxFormatException(file, "ends before " + what + " (" + n + " of 4 header bytes; truncated or empty file?)");
        }
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
