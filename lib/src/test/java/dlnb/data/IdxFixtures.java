package dlnb.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFixtures {
    private IdxFixtures() {
    }

    /** IDX bytes: magic, sizes, then body. */
    static byte[] idx(int magic, int[] dims, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(body);
        out.flush();
        return bytes.toByteArray();
    }

    static Path gz(Path dir, String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    /** Image i has every pixel equal to (i * 10 + 1) mod 256, so tests can tell images apart. */
    static byte[] images(int count, int rows, int cols) {
        byte[] body = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                body[i * rows * cols + p] = (byte) ((i * 10 + 1) % 256);
            }
        }
        return body;
    }

    static byte[] labels(int... values) {
        byte[] body = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            body[i] = (byte) values[i];
        }
        return body;
    }

    /** A FashionMNIST-shaped pair: {@code count} 28x28 images, label i % 10. */
    static Path[] fashionPair(Path dir, int count) throws IOException {
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = i % 10;
        }
        Path images = gz(dir, "images.gz", idx(Idx.IMAGES_MAGIC, new int[]{count, 28, 28}, images(count, 28, 28)));
        Path labels = gz(dir, "labels.gz", idx(Idx.LABELS_MAGIC, new int[]{count}, labels(y)));
        return new Path[]{images, labels};
    }
}
