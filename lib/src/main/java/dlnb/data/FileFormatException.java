package dlnb.data;

import java.nio.file.Path;

/** A data file is not in its format; the message starts with the file and says what is wrong. */
public class FileFormatException extends DataUnavailableException {
    private final Path file;

    public FileFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
