package vn.anttmap.model;

import java.util.Optional;

/**
 * What the current request needs of its reads, set per request by the HTTP layer. A read-only request may be served by
 * a read replica that has replayed at least {@code floorWalBytes} of the primary's write-ahead log (the position after
 * the asker's own last write, so that they read what they wrote). An anonymous request (the public never writes) may
 * take the layers' change stamps as the node last heard them announced; a signed-in user's are read from the database,
 * so that what they wrote through another node is in their very next answer. Without a request (the command line,
 * background work) every read goes to the primary and stamps are read from the database. The store pins the source it
 * chose for the rest of the request, so that a change stamp and the data read under it come from one database.
 */
public final class ReadConsistency {
    /** A request's needs; {@link #pin} is the store's choice of source, made at the request's first read. */
    public static final class Allowance {
        private final boolean replicaAllowed;
        private final long floorWalBytes;
        private final boolean anonymous;
        private Object pin;

        Allowance(boolean replicaAllowed, long floorWalBytes, boolean anonymous) {
            this.replicaAllowed = replicaAllowed;
            this.floorWalBytes = floorWalBytes;
            this.anonymous = anonymous;
        }

        public boolean replicaAllowed() {
            return replicaAllowed;
        }

        public long floorWalBytes() {
            return floorWalBytes;
        }

        /** The public's request: announced change stamps suffice. */
        public boolean anonymous() {
            return anonymous;
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

    /**
     * This thread now serves a request: a replica that has replayed {@code floorWalBytes} may serve its reads if
     * {@code replicaAllowed}; {@code anonymous} for the public's.
     */
    public static void request(boolean replicaAllowed, long floorWalBytes, boolean anonymous) {
        CURRENT.set(new Allowance(replicaAllowed, Math.max(0, floorWalBytes), anonymous));
    }

    /** This thread serves no request (any more): it reads the primary, and stamps from the database. */
    public static void none() {
        CURRENT.remove();
    }

    /** The needs of the request this thread serves, if any. */
    public static Optional<Allowance> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
