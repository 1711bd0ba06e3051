package vn.anttmap;

import okhttp3.Request;
import vn.anttmap.model.Account;

import java.util.function.Consumer;

/** Accounts and bearer tokens for tests that read what only signed-in roles may see. */
public final class TestAuth {
    public static final String PASSWORD = "correct horse battery";

    private TestAuth() {
    }

    /** A token for a user of the role (created if missing; officers serve {@code ward}). */
    public static String token(App.Services s, Account.Role role, String ward) {
        String name = "test-" + role.name().toLowerCase(java.util.Locale.ROOT) + (ward == null ? "" : "-" + ward);
        if (s.store().account(name).isEmpty()) {
            s.auth().addUser(name, role, ward, PASSWORD.toCharArray());
        }
        return s.auth().createToken(name, "test");
    }

    public static String admin(App.Services s) {
        return token(s, Account.Role.ADMIN, null);
    }

    public static Consumer<Request.Builder> bearer(String token) {
        return b -> b.header("Authorization", "Bearer " + token);
    }
}
