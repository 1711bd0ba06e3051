package vn.anttmap.model;

/** A storage fault: the database is unreachable, refused a statement, or is in an unexpected state. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
