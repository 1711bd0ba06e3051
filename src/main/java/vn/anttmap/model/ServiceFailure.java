package vn.anttmap.model;

/**
 * A use case refused, said in the domain's words: what kind of refusal ({@link Kind}), why ({@link #getMessage()},
 * {@code "vi / en"} as {@link Bilingual} writes it), and what the caller needs to try again (the record's current
 * version, who made it, how long to wait). Services, sign-in and access checks throw it; they never choose a protocol's
 * status code. The HTTP layer maps each kind to its status in one place, and the command line prints the message.
 *
 * <p>It lives here, under every other package, because sign-in ({@code auth}) and the use cases ({@code service})
 * both refuse with it and {@code service} already depends on {@code auth}.
 */
public class ServiceFailure extends RuntimeException {
    /** What kind of refusal. */
    public enum Kind {
        /** There is no such thing (or the asker may not know it exists). */
        NOT_FOUND,
        /** Who asks is not known: sign in first. */
        UNAUTHENTICATED,
        /** Who asks is known and may not do this. */
        FORBIDDEN,
        /** The request contradicts the state of the data: a stale version, a taken id, a record still referred to. */
        CONFLICT,
        /** The request must say which version of the record it was made on, and did not. */
        PRECONDITION_REQUIRED,
        /** The operation is not offered for this layer. */
        NOT_ALLOWED,
        /** Too many failed tries in a short time; wait {@link #retryAfterSeconds} before the next. */
        TOO_MANY_TRIES,
        /** The request itself is not valid. */
        INVALID
    }

    public final Kind kind;
    /** The version the record has now, when the refusal may tell it (a conflict, a missing version); else null. */
    public final String currentVersion;
    /** Who made the record's current version and when, when the audit log says; else null. */
    public final transient AuditEntry changedBy;
    /** How long to wait before trying again, in seconds; 0 when it need not wait. */
    public final long retryAfterSeconds;
    /** The field the refusal is about (an incident's {@code status} moved out of order), when it is about one; else null. */
    public final String field;

    public ServiceFailure(Kind kind, String message) {
        this(kind, message, null, null, 0);
    }

    public ServiceFailure(Kind kind, String message, String currentVersion, AuditEntry changedBy, long retryAfterSeconds) {
        this(kind, message, currentVersion, changedBy, retryAfterSeconds, null);
    }

    public ServiceFailure(Kind kind, String message, String currentVersion, AuditEntry changedBy, long retryAfterSeconds,
                          String field) {
        super(message);
        this.field = field;
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.currentVersion = currentVersion;
        this.changedBy = changedBy;
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
