package dlnb.data;

import java.nio.file.Path;

/** A CIFAR-10 binary archive is not what it should be; the message names the archive, the member and the fault. */
public class Cifar10FormatException extends DataUnavailableException {
    private final Path file;

    public Cifar10FormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Cifar10FormatException(Path file, String problem) {
        this(file, problem, null);
    }

    /** The archive at fault. */
    public Path file() {
        return file;
    }
}
