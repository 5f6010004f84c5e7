package dlnb.data;

import java.nio.file.Path;

/** A CIFAR-10 binary archive is not what it should be; the message names the archive, the member and the fault. */
public class Cifar10FormatException extends FileFormatException {
    public Cifar10FormatException(Path file, String problem, Throwable cause) {
        super(file, problem, cause);
    }

    public Cifar10FormatException(Path file, String problem) {
        super(file, problem, null);
    }
}
