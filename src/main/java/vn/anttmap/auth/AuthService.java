package vn.anttmap.auth;

import vn.anttmap.model.Account;
import vn.anttmap.model.AuditEntry;
import vn.anttmap.model.ServiceFailure;
import vn.anttmap.model.ServiceFailure.Kind;
import vn.anttmap.store.FeatureStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Accounts, sign-in sessions (12 hours), personal API tokens, and the slowing of repeated failed sign-ins: after 5
 * failures in 15 minutes for a user name or an address, further tries are refused for a while that doubles with each
 * failure (at most 15 minutes).
 *
 * <p>Sessions and tokens are kept in the store (only SHA-256 hashes of their secrets) and every request's session or
 * token is checked there against the account as it is now, never from memory: removing a user, changing their
 * password, role or ward (which raises the account's credential epoch), or revoking a token ends the sessions and
 * tokens concerned at once, whichever process (a server node, the CLI) made the change. Failed sign-ins are counted
 * in the store too (by the hash of the name or address), so that five on one node slow the name on every node.
 */
public final class AuthService {
    /** The one answer to a refused sign-in, whether the user exists or not. */
    static final String WRONG_PASSWORD = "sai tên đăng nhập hoặc mật khẩu / wrong user name or password";

    static final Duration SESSION = Duration.ofHours(12);
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int FREE_FAILURES = 5;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,31}");

    /** A signed-in session; {@code csrf} must accompany every write made with the session cookie. */
    public record Session(String id, Principal principal, String csrf, Instant expires) {
    }

    /**
     * A refused sign-in or request: {@code UNAUTHENTICATED}, or {@code TOO_MANY_TRIES} with the seconds to wait;
     * its message is {@code "vi / en"}.
     */
    public static final class AuthException extends ServiceFailure {
        AuthException(Kind kind, String message, long retryAfterSeconds) {
            super(kind, message, null, null, retryAfterSeconds);
        }
    }

    private final FeatureStore store;
    private final Clock clock;

    /** Audit entries, newest first, filtered by user, layer and time (each optional): the administrator's view. */
    public java.util.List<vn.anttmap.model.AuditEntry> audit(String username, String layer, java.time.OffsetDateTime from,
                                                             java.time.OffsetDateTime to, int limit) {
        return store.audit(username, layer, from, to, limit);
    }

    public AuthService(FeatureStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The hash under which a session id or token is known to the store (never the secret itself). */
    public static String credentialHash(String secret) {
        return PasswordHasher.tokenHash(secret);
    }

    /** Whether read replicas serve read-only requests. */
    public boolean replicated() {
        return store.replicated();
    }

    /** The primary's log position after the last write made with a credential (its hash); 0 if none. */
    public long readFloor(String credentialHash) {
        return store.readFloor(credentialHash);
    }

    /** Records that a credential (its hash) just wrote, so that its next reads, on any node, see the write. */
    public void markWritten(String credentialHash) {
        store.markWritten(credentialHash);
    }

    public Session login(String username, char[] password, String address) {
        String who = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
        String from = "from " + address;
        // The attempt is written first (as a failure, until its password proves right), then the others are counted:
        // guesses made at the same moment, on this node or another, count each other, so at most five are checked.
        String attempt = UUID.randomUUID().toString();
        fail("user:" + who, attempt);
        fail("addr:" + address, attempt);
        long wait = Math.max(waitSeconds("user:" + who, attempt), waitSeconds("addr:" + address, attempt));
        if (wait > 0) {
            store.forgetSignInAttempt(attempt); // refused unchecked: not a failure of its own
            audit(who, "login_refused", from + " (too many failed sign-ins: " + wait + " s left)");
            throw new AuthException(Kind.TOO_MANY_TRIES, "đăng nhập sai quá nhiều lần; thử lại sau " + wait + " giây / too many failed "
                    + "sign-ins; try again in " + wait + " s", wait);
        }
        Optional<Account> account = store.account(who);
        // An unknown user costs one key derivation too, so that the time taken does not tell which user names exist.
        boolean ok = account.isPresent() ? PasswordHasher.verify(password, account.get().passwordHash())
                : PasswordHasher.verifyNobody(password);
        if (!ok) {
            audit(who, "login_failed", from); // the attempt's rows stay, as its failure
            throw new AuthException(Kind.UNAUTHENTICATED, WRONG_PASSWORD, 0);
        }
        store.forgetSignInAttempt(attempt);
        store.clearSignInFailures(PasswordHasher.tokenHash("user:" + who));
        Account a = account.get();
        Instant now = clock.instant();
        Session s = new Session(PasswordHasher.randomSecret(32), principal(a), PasswordHasher.randomSecret(24), now.plus(SESSION));
        // Stored only if the password checked is still the account's: a change made meanwhile wins.
        if (!store.saveSession(PasswordHasher.tokenHash(s.id()), a.username(), a.passwordHash(), s.csrf(), now, s.expires())) {
            throw new AuthException(Kind.UNAUTHENTICATED, WRONG_PASSWORD, 0);
        }
        audit(a.username(), "login", from);
        return s;
    }

    public void logout(String sessionId) {
        if (sessionId != null) {
            store.removeSession(PasswordHasher.tokenHash(sessionId));
        }
    }

    /** The session of a cookie, checked against the store: none if unknown, expired, or its account changed or went. */
    public Optional<Session> session(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        String hash = PasswordHasher.tokenHash(id);
        Optional<vn.anttmap.model.AccountSession> stored = store.session(hash);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!stored.get().expires().isAfter(clock.instant())) {
            store.removeSession(hash);
            return Optional.empty();
        }
        return Optional.of(new Session(id, principal(stored.get().account()), stored.get().csrf(), stored.get().expires()));
    }

    /**
     * The principal a bearer token stands for: asked of the store on every request (one indexed read), so that a
     * token revoked or an account changed by another process is refused on the next request.
     */
    public Optional<Principal> tokenPrincipal(String token) {
        return store.tokenAccount(PasswordHasher.tokenHash(token)).map(this::principal);
    }

    /** The principal of an account as it is now: a leader's province resolved to its wards as they are now. */
    Principal principal(Account a) {
        if (a.role() != Account.Role.LEADER) {
            return new Principal(a.username(), a.role(), a.wardId());
        }
        return new Principal(a.username(), a.role(), a.wardId(), scopeWards(a.wardId()));
    }

    /** The wards of a leader's province, kept until the wards change (their change stamp): province name → ward ids. */
    private final Map<String, java.util.Set<String>> provinceWards = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long provinceWardsStamp = Long.MIN_VALUE;

    /**
     * The wards a leader's scope covers now: the listed ids, or every ward whose {@code province} is the named one
     * (compared ignoring case and surrounding spaces).
     */
    public java.util.Set<String> scopeWards(String scope) {
        String province = Account.scopeProvince(scope);
        if (province == null) {
            return new java.util.LinkedHashSet<>(Account.scopeWards(scope));
        }
        long stamp = store.changeStamp(java.util.EnumSet.of(vn.anttmap.model.Layer.WARDS));
        if (stamp != provinceWardsStamp) {
            provinceWards.clear();
            provinceWardsStamp = stamp;
        }
        return provinceWards.computeIfAbsent(province.toLowerCase(java.util.Locale.ROOT), key -> {
            java.util.Set<String> ids = new java.util.TreeSet<>();
            for (vn.anttmap.model.Feature w : store.query(vn.anttmap.model.Layer.WARDS, vn.anttmap.model.FeatureQuery.ALL)) {
                Object p = w.get("province");
                if (p != null && p.toString().trim().toLowerCase(java.util.Locale.ROOT).equals(key)) {
                    ids.add(w.id());
                }
            }
            return java.util.Set.copyOf(ids);
        });
    }

    /** Creates a personal token for a user (the CLI); the token is shown once and only its hash is kept. */
    public String createToken(String username, String name) {
        store.account(username).orElseThrow(() -> new IllegalArgumentException("không có người dùng '" + username
                + "' / no user '" + username + "'"));
        return issueToken(username, name).orElseThrow(() -> new IllegalArgumentException("không có người dùng '"
                + username + "' / no user '" + username + "'"));
    }

    /**
     * Creates a personal token for the signed-in principal; refused as {@code UNAUTHENTICATED} if their account is gone
     * (removed since the request was let in).
     */
    public String createToken(Principal p, String name) {
        if (p.isPublic() || p.username() == null) {
            throw new AuthException(Kind.UNAUTHENTICATED, "đăng nhập để tạo token / sign in to create a token", 0);
        }
        return issueToken(p.username(), name).orElseThrow(() -> new AuthException(Kind.UNAUTHENTICATED,
                "tài khoản không còn / the account no longer exists", 0));
    }

    private Optional<String> issueToken(String username, String name) {
        String token = "antt_" + PasswordHasher.randomSecret(32);
        if (!store.saveToken(PasswordHasher.tokenHash(token), username, name)) {
            return Optional.empty();
        }
        audit(username, "token_created", name);
        return Optional.of(token);
    }

    /** A user's tokens (names, ids and dates only). */
    public List<vn.anttmap.model.ApiToken> tokens(String username) {
        return store.tokens(username);
    }

    /**
     * Revokes a user's tokens with the id or name {@code idOrName}; returns how many. With {@code idOrName} null,
     * ends every session and token of the user (returns 1 if the user exists, else 0).
     */
    public int revoke(String username, String idOrName, String by) {
        int n;
        if (idOrName == null) {
            n = store.endCredentials(username) ? 1 : 0;
            if (n > 0) {
                audit(by, "sessions_ended", username);
            }
        } else {
            n = store.removeTokens(username, idOrName);
            if (n > 0) {
                audit(by, "token_revoked", username + ": " + idOrName);
            }
        }
        return n;
    }

    public Account addUser(String username, Account.Role role, String wardId, char[] password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("user name must be 2–32 lower-case letters, digits, . _ -");
        }
        checkRoleAndWard(role, wardId);
        if (password == null || password.length < 10) {
            throw new IllegalArgumentException("the password must have at least 10 characters");
        }
        if (store.account(username).isPresent()) {
            throw new IllegalArgumentException("user '" + username + "' already exists");
        }
        Account a = new Account(username, PasswordHasher.hash(password), role, wardId, OffsetDateTime.now(clock));
        store.saveAccount(a);
        audit(null, "user_added", username + " (" + role + ")");
        return a;
    }

    /** A leader's scope: some wards that exist, or a province that has at least one ward. */
    private void checkScope(String scope) {
        if (scope == null || scope.isBlank()) {
            throw new IllegalArgumentException("một lãnh đạo cần phạm vi (--scope): mã phường, xã (cách nhau bằng dấu phẩy) hoặc "
                    + "province:<tên tỉnh> / a leader needs a scope (--scope): ward ids separated by commas, or province:<name>");
        }
        if (scope.length() > 4000) {
            throw new IllegalArgumentException("phạm vi dài quá 4.000 ký tự / the scope is longer than 4,000 characters");
        }
        String province = Account.scopeProvince(scope);
        if (province != null) {
            if (province.isEmpty() || scopeWards(scope).isEmpty()) {
                java.util.Set<String> known = new java.util.TreeSet<>();
                store.query(vn.anttmap.model.Layer.WARDS, vn.anttmap.model.FeatureQuery.ALL).forEach(w -> {
                    if (w.get("province") != null) {
                        known.add(w.get("province").toString());
                    }
                });
                throw new IllegalArgumentException("không có phường, xã nào thuộc tỉnh '" + province + "'; các tỉnh: "
                        + String.join(", ", known) + " / no ward is in province '" + province + "'; provinces: " + String.join(", ", known));
            }
            return;
        }
        for (String w : Account.scopeWards(scope)) {
            if (store.get(vn.anttmap.model.Layer.WARDS, w).isEmpty()) {
                throw new IllegalArgumentException("không có phường, xã mã '" + w + "' / no ward has id '" + w + "'");
            }
        }
        if (Account.scopeWards(scope).isEmpty()) {
            throw new IllegalArgumentException("phạm vi không nêu phường, xã nào / the scope names no ward");
        }
    }

    private void checkRoleAndWard(Account.Role role, String wardId) {
        if (role == Account.Role.PUBLIC) {
            throw new IllegalArgumentException("role must be officer, leader, planner or admin");
        }
        if (role == Account.Role.OFFICER && wardId == null) {
            throw new IllegalArgumentException("an officer needs the ward they serve (--ward)");
        }
        if (role == Account.Role.OFFICER && store.get(vn.anttmap.model.Layer.WARDS, wardId).isEmpty()) {
            throw new IllegalArgumentException("no ward has id '" + wardId + "'; wards: " + String.join(", ",
                    store.query(vn.anttmap.model.Layer.WARDS, vn.anttmap.model.FeatureQuery.ALL).stream()
                            .map(vn.anttmap.model.Feature::id).distinct().sorted().toList()));
        }
        if (role == Account.Role.LEADER) {
            checkScope(wardId);
            return;
        }
        if (role != Account.Role.OFFICER && wardId != null) {
            throw new IllegalArgumentException("only an officer serves a ward and a leader a scope; leave out --ward for a "
                    + role.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * Changes a user's role or ward (null keeps it; an officer made planner or admin loses the ward). Every session
     * and token of the user ends: they sign in again under what they now are. Returns the account as saved.
     */
    public Account setRoleAndWard(String username, Account.Role role, String wardId) {
        Account a = store.account(username).orElseThrow(() -> new IllegalArgumentException("không có người dùng '"
                + username + "' / no user '" + username + "'"));
        Account.Role r = role == null ? a.role() : role;
        String w = wardId != null ? wardId : r == a.role() && (r == Account.Role.OFFICER || r == Account.Role.LEADER) ? a.wardId() : null;
        checkRoleAndWard(r, w);
        if (r == a.role() && java.util.Objects.equals(w, a.wardId())) {
            return a;
        }
        Account changed = new Account(a.username(), a.passwordHash(), r, w, a.createdAt());
        store.saveAccount(changed);
        audit(null, "user_changed", username + " (" + r + (w == null ? "" : ", " + w) + ")");
        return changed;
    }

    public void setPassword(String username, char[] password) {
        Account a = store.account(username).orElseThrow(() -> new IllegalArgumentException("no user '" + username + "'"));
        if (password == null || password.length < 10) {
            throw new IllegalArgumentException("the password must have at least 10 characters");
        }
        // Saving a changed account ends its sessions and tokens (in the store, seen by every process).
        store.saveAccount(new Account(a.username(), PasswordHasher.hash(password), a.role(), a.wardId(), a.createdAt()));
        audit(null, "password_changed", username);
    }

    public boolean removeUser(String username) {
        boolean removed = store.removeAccount(username);
        if (removed) {
            audit(null, "user_removed", username);
        }
        return removed;
    }

    public List<Account> users() {
        return store.accounts();
    }

    /**
     * On a fresh demo: one account per role with a random password. Returns user name → password, to be shown once.
     */
    public Map<String, String> createDemoAccounts(String wardId) {
        Map<String, String> out = new java.util.concurrent.ConcurrentSkipListMap<>();
        // The leader oversees the demo ward's province (the ward and its neighbours), when the ward names one.
        String province = store.get(vn.anttmap.model.Layer.WARDS, wardId).map(w -> w.text("province")).orElse(null);
        List<Account.Role> roles = province == null || province.isBlank()
                ? List.of(Account.Role.OFFICER, Account.Role.PLANNER, Account.Role.ADMIN)
                : List.of(Account.Role.OFFICER, Account.Role.LEADER, Account.Role.PLANNER, Account.Role.ADMIN);
        // The password hashes (PBKDF2, 210,000 rounds each) are computed side by side: it shortens the first start.
        roles.parallelStream().forEach(role -> {
            String name = role.name().toLowerCase(java.util.Locale.ROOT);
            if (store.account(name).isEmpty()) {
                String password = PasswordHasher.randomSecret(12);
                String scope = role == Account.Role.OFFICER ? wardId : role == Account.Role.LEADER ? Account.PROVINCE + province : null;
                addUser(name, role, scope, password.toCharArray());
                out.put(name, password);
            }
        });
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : List.of("officer", "leader", "planner", "admin")) {
            if (out.containsKey(name)) {
                ordered.put(name, out.get(name));
            }
        }
        return ordered;
    }

    public void audit(String username, String action, String detail) {
        store.appendAudit(new AuditEntry(UUID.randomUUID().toString(), OffsetDateTime.now(clock), username, action, null,
                null, null, null, detail));
    }

    private long waitSeconds(String key, String exceptAttempt) {
        Instant now = clock.instant();
        List<Instant> list = store.signInFailures(PasswordHasher.tokenHash(key), now.minus(WINDOW), exceptAttempt);
        if (list.size() < FREE_FAILURES) {
            return 0;
        }
        long penalty = Math.min(WINDOW.toSeconds(), 30L << Math.min(10, list.size() - FREE_FAILURES));
        long left = Duration.between(now, list.get(list.size() - 1).plusSeconds(penalty)).toSeconds();
        return Math.max(0, left);
    }

    private void fail(String key, String attempt) {
        Instant now = clock.instant();
        store.recordSignInFailure(PasswordHasher.tokenHash(key), attempt, now, now.minus(WINDOW));
    }
}
