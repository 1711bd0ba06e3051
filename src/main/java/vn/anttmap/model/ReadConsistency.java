package vn.anttmap.model;

import java.util.Optional;

/**
 * Where the current thread's reads may be served from, set per request by the HTTP layer: a read-only request may be
 * served by a read replica that has replayed at least {@code floorWalBytes} of the primary's write-ahead log (the
 * position after the asker's own last write, so that they read what they wrote); anything else (writes, the command
 * line, background work) reads the primary. The store pins the source it chose for the rest of the request, so that a
 * change stamp and the data read under it come from one database.
 */
public final class ReadConsistency {
    /** A request's allowance; {@link #pin} is the store's choice of source, made at the request's first read. */
    public static final class Allowance {
        private final long floorWalBytes;
        private Object pin;

        Allowance(long floorWalBytes) {
            this.floorWalBytes = floorWalBytes;
        }

        public long floorWalBytes() {
            return floorWalBytes;
        }

        public Object pin() {
            return pin;
        }

        public void pin(Object source) {
            this.pin = source;
        }
    }

    private static final ThreadLocal<Allowance> CURRENT = new ThreadLocal<>();

    private ReadConsistency() {
    }

    /** From now on this thread's reads may come from a replica that has replayed {@code floorWalBytes}. */
    public static void replicaAllowed(long floorWalBytes) {
        CURRENT.set(new Allowance(Math.max(0, floorWalBytes)));
    }

    /** From now on this thread reads the primary (the default). */
    public static void primaryOnly() {
        CURRENT.remove();
    }

    /** The allowance of this thread, if a replica may serve its reads. */
    public static Optional<Allowance> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
