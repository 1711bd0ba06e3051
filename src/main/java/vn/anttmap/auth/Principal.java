package vn.anttmap.auth;

import vn.anttmap.model.Account;

/** Who is asking: a signed-in user, or the public. */
public record Principal(String username, Account.Role role, String wardId) {
    public static final Principal PUBLIC = new Principal(null, Account.Role.PUBLIC, null);
    /** The operator at the machine (command line): full access, like an admin. */
    public static final Principal ADMIN_LOCAL = new Principal("local-operator", Account.Role.ADMIN, null);

    public boolean isPublic() {
        return role == Account.Role.PUBLIC;
    }

    public boolean is(Account.Role r) {
        return role == r;
    }
}
