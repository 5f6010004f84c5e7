package dlnb.data;

/** A data set file could not be found, verified or downloaded; the message says how to fix it by hand. */
public class DataUnavailableException extends RuntimeException {
    public DataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public DataUnavailableException(String message) {
        super(message);
    }
}
