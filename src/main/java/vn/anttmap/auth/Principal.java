package vn.anttmap.auth;

import vn.anttmap.model.Account;

import java.util.Set;

/**
 * Who is asking: a signed-in user, or the public.
 *
 * @param wardId for an officer, their ward; for a leader, their scope as kept ({@link Account#wardId})
 * @param wards  the wards whose officer-level data the principal reads: an officer's one ward, a leader's scope as it
 *               is now (a province's wards resolved when the request is authenticated); empty for everyone else
 */
public record Principal(String username, Account.Role role, String wardId, Set<String> wards) {
    public static final Principal PUBLIC = new Principal(null, Account.Role.PUBLIC, null);
    /** The operator at the machine (command line): full access, like an admin. */
    public static final Principal ADMIN_LOCAL = new Principal("local-operator", Account.Role.ADMIN, null);

    public Principal {
        wards = wards == null ? Set.of() : Set.copyOf(wards);
    }

    /** A principal whose wards are an officer's one ward (or none). */
    public Principal(String username, Account.Role role, String wardId) {
        this(username, role, wardId, role == Account.Role.OFFICER && wardId != null ? Set.of(wardId) : Set.of());
    }

    public boolean isPublic() {
        return role == Account.Role.PUBLIC;
    }

    public boolean is(Account.Role r) {
        return role == r;
    }

    /** Whether the principal reads the ward's officer-level data: an admin any, an officer theirs, a leader their scope's. */
    public boolean seesWard(String ward) {
        return role == Account.Role.ADMIN || (ward != null && (role == Account.Role.OFFICER || role == Account.Role.LEADER)
                && wards.contains(ward));
    }
}
