package dlnb.data;

import java.nio.file.Path;

/** An IDX file (the MNIST family's format) is not what it should be; the message names the file and the fault. */
public class IdxFormatException extends DataUnavailableException {
    private final Path file;

    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public IdxFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
