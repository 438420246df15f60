package no.kvik.store;

/** A store that cannot be read or written; the message names the file and the problem. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
