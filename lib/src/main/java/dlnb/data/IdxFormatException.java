package dlnb.data;

import java.nio.file.Path;

/** An IDX file (the MNIST family's format) is not what it should be; the message names the file and the fault. */
public class IdxFormatException extends FileFormatException {
    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }

    public IdxFormatException(Path file, String problem) {
        super(file, problem, null);
    }
}
