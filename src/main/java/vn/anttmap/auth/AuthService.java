package vn.anttmap.auth;

import vn.anttmap.model.Account;
import vn.anttmap.model.AuditEntry;
import vn.anttmap.store.FeatureStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Accounts, sign-in sessions (server-side, 12 hours), personal API tokens (stored as SHA-256 hashes), and the
 * slowing of repeated failed sign-ins: after 5 failures in 15 minutes for a user name or an address, further tries
 * are refused for a while that doubles with each failure (at most 15 minutes).
 */
public final class AuthService {
    static final Duration SESSION = Duration.ofHours(12);
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int FREE_FAILURES = 5;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,31}");

    /** A signed-in session; {@code csrf} must accompany every write made with the session cookie. */
    public record Session(String id, Principal principal, String csrf, Instant expires) {
    }

    /** A refused sign-in or request, with the status to answer. */
    public static final class AuthException extends RuntimeException {
        public final int status;
        public final long retryAfterSeconds;

        AuthException(int status, String message, long retryAfterSeconds) {
            super(message);
            this.status = status;
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    private final FeatureStore store;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public AuthService(FeatureStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Session login(String username, char[] password, String address) {
        String who = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
        String from = "from " + address;
        long wait = Math.max(waitSeconds("user:" + who), waitSeconds("addr:" + address));
        if (wait > 0) {
            audit(who, "login_refused", from + " (too many failed sign-ins: " + wait + " s left)");
            throw new AuthException(429, "too many failed sign-ins; try again in " + wait + " s", wait);
        }
        Optional<Account> account = store.account(who);
        // An unknown user costs one key derivation too, so that the time taken does not tell which user names exist.
        boolean ok = account.isPresent() ? PasswordHasher.verify(password, account.get().passwordHash())
                : PasswordHasher.verifyNobody(password);
        if (!ok) {
            fail("user:" + who);
            fail("addr:" + address);
            audit(who, "login_failed", from);
            throw new AuthException(401, "wrong user name or password", 0);
        }
        failures.remove("user:" + who);
        Account a = account.get();
        Session s = new Session(PasswordHasher.randomSecret(32), new Principal(a.username(), a.role(), a.wardId()),
                PasswordHasher.randomSecret(24), clock.instant().plus(SESSION));
        sessions.put(s.id(), s);
        audit(a.username(), "login", from);
        return s;
    }

    public void logout(String sessionId) {
        if (sessionId != null) {
            sessions.remove(sessionId);
        }
    }

    public Optional<Session> session(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        if (s == null || s.expires().isBefore(clock.instant())) {
            sessions.remove(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** How long a resolved token is trusted without asking the store again. */
    static final java.time.Duration TOKEN_CACHE = java.time.Duration.ofSeconds(30);
    private record KnownToken(Principal principal, Instant until) {
    }

    private final Map<String, KnownToken> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The principal a bearer token stands for, if the token is known. Answers are kept for {@link #TOKEN_CACHE}
     * (a map tile or a page of features should not cost a database round trip for its token); removing a user or
     * changing a password here forgets them at once, and a change made by another process is seen within that time.
     */
    public Optional<Principal> tokenPrincipal(String token) {
        String hash = PasswordHasher.tokenHash(token);
        Instant now = clock.instant();
        KnownToken known = tokens.get(hash);
        if (known != null && now.isBefore(known.until())) {
            return Optional.of(known.principal());
        }
        Optional<Principal> p = store.tokenUser(hash).flatMap(store::account)
                .map(a -> new Principal(a.username(), a.role(), a.wardId()));
        if (p.isPresent()) {
            if (tokens.size() > 10_000) {
                tokens.clear();
            }
            tokens.put(hash, new KnownToken(p.get(), now.plus(TOKEN_CACHE)));
        } else {
            tokens.remove(hash);
        }
        return p;
    }

    /** Creates a personal token for a user; the token is shown once and only its hash is kept. */
    public String createToken(String username, String name) {
        store.account(username).orElseThrow(() -> new IllegalArgumentException("no user '" + username + "'"));
        String token = "antt_" + PasswordHasher.randomSecret(32);
        store.saveToken(PasswordHasher.tokenHash(token), username, name);
        audit(username, "token_created", name);
        return token;
    }

    public Account addUser(String username, Account.Role role, String wardId, char[] password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("user name must be 2–32 lower-case letters, digits, . _ -");
        }
        if (role == Account.Role.PUBLIC) {
            throw new IllegalArgumentException("role must be officer, planner or admin");
        }
        if (role == Account.Role.OFFICER && wardId == null) {
            throw new IllegalArgumentException("an officer needs the ward they serve (--ward)");
        }
        if (role == Account.Role.OFFICER && store.get(vn.anttmap.model.Layer.WARDS, wardId).isEmpty()) {
            throw new IllegalArgumentException("no ward has id '" + wardId + "'; wards: " + String.join(", ",
                    store.query(vn.anttmap.model.Layer.WARDS, vn.anttmap.model.FeatureQuery.ALL).stream()
                            .map(vn.anttmap.model.Feature::id).distinct().sorted().toList()));
        }
        if (role != Account.Role.OFFICER && wardId != null) {
            throw new IllegalArgumentException("only an officer serves a ward; leave out --ward for a " + role.name().toLowerCase(java.util.Locale.ROOT));
        }
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

    public void setPassword(String username, char[] password) {
        Account a = store.account(username).orElseThrow(() -> new IllegalArgumentException("no user '" + username + "'"));
        if (password == null || password.length < 10) {
            throw new IllegalArgumentException("the password must have at least 10 characters");
        }
        store.saveAccount(new Account(a.username(), PasswordHasher.hash(password), a.role(), a.wardId(), a.createdAt()));
        sessions.values().removeIf(s -> username.equals(s.principal().username()));
        tokens.values().removeIf(t -> username.equals(t.principal().username()));
        audit(null, "password_changed", username);
    }

    public boolean removeUser(String username) {
        boolean removed = store.removeAccount(username);
        sessions.values().removeIf(s -> username.equals(s.principal().username()));
        tokens.values().removeIf(t -> username.equals(t.principal().username()));
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
        // The password hashes (PBKDF2, 210,000 rounds each) are computed side by side: it shortens the first start.
        List.of(Account.Role.OFFICER, Account.Role.PLANNER, Account.Role.ADMIN).parallelStream().forEach(role -> {
            String name = role.name().toLowerCase(java.util.Locale.ROOT);
            if (store.account(name).isEmpty()) {
                String password = PasswordHasher.randomSecret(12);
                addUser(name, role, role == Account.Role.OFFICER ? wardId : null, password.toCharArray());
                out.put(name, password);
            }
        });
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : List.of("officer", "planner", "admin")) {
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

    private long waitSeconds(String key) {
        Deque<Instant> list = failures.get(key);
        if (list == null) {
            return 0;
        }
        Instant now = clock.instant();
        synchronized (list) {
            while (!list.isEmpty() && list.peekFirst().isBefore(now.minus(WINDOW))) {
                list.pollFirst();
            }
            if (list.size() < FREE_FAILURES) {
                return 0;
            }
            long penalty = Math.min(WINDOW.toSeconds(), 30L << Math.min(10, list.size() - FREE_FAILURES));
            long left = Duration.between(now, list.peekLast().plusSeconds(penalty)).toSeconds();
            return Math.max(0, left);
        }
    }

    private void fail(String key) {
        Deque<Instant> list = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (list) {
            list.addLast(clock.instant());
        }
    }
}
