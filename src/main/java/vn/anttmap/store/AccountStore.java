package vn.anttmap.store;

import java.util.List;
import java.util.Optional;

/**
 * Accounts, their API tokens and their sign-in sessions: who may sign in, and with what. One of the concerns a
 * {@link FeatureStore} holds; {@link JdbcAccounts} is the JDBC one for both databases.
 */
public interface AccountStore {
    Optional<vn.anttmap.model.Account> account(String username);

    List<vn.anttmap.model.Account> accounts();

    /**
     * Inserts or replaces an account. Replacing one (a new password, role or ward) raises its credential epoch and
     * removes its sessions and tokens in the same transaction: every session and token issued before ends at once.
     */
    void saveAccount(vn.anttmap.model.Account account);

    /** Removes an account with its sessions and tokens; returns whether it existed. */
    boolean removeAccount(String username);

    /**
     * Ends every session and token of a user (raises the account's credential epoch, so that one being issued at the
     * same moment ends too); returns whether the user exists.
     */
    boolean endCredentials(String username);

    /**
     * Stores a token's hash for a user, under the account's current credential epoch; returns false (and stores
     * nothing) if the user does not exist.
     */
    boolean saveToken(String tokenHash, String username, String name);

    /** The account a token hash belongs to, if both exist and the token was issued under the account's epoch. */
    Optional<vn.anttmap.model.Account> tokenAccount(String tokenHash);

    /** A user's tokens, oldest first (never their hashes). */
    List<vn.anttmap.model.ApiToken> tokens(String username);

    /** Removes a user's tokens whose id or name is {@code idOrName}; returns how many. */
    int removeTokens(String username, String idOrName);

    /**
     * Stores a session (by the hash of its id) for a user, only if the account's password hash is still
     * {@code passwordHash} (the one the sign-in was checked against), under the account's current epoch; returns
     * whether it was stored. Sessions that expired before {@code now} are removed on the way.
     */
    boolean saveSession(String idHash, String username, String passwordHash, String csrf, java.time.Instant now,
                        java.time.Instant expires);

    /** The session stored under the id hash, with its account as it is now, if both exist and the epochs agree. */
    Optional<vn.anttmap.model.AccountSession> session(String idHash);

    /** Removes one session. */
    void removeSession(String idHash);

    /**
     * Records a sign-in attempt under a key's hash (before its password is checked: it stays as a failure unless
     * {@link #forgetSignInAttempt forgotten}), and removes every key's rows from before {@code forgetBefore}.
     */
    void recordSignInFailure(String keyHash, String attemptId, java.time.Instant at, java.time.Instant forgetBefore);

    /**
     * The failed (or still unchecked) sign-ins under a key's hash since {@code since}, oldest first, but attempt
     * {@code exceptAttempt}'s: counted by every node together.
     */
    List<java.time.Instant> signInFailures(String keyHash, java.time.Instant since, String exceptAttempt);

    /** Removes an attempt's rows (its password was right, or it was refused before being checked). */
    void forgetSignInAttempt(String attemptId);

    /** Forgets a key's failed sign-ins (after a successful one). */
    void clearSignInFailures(String keyHash);
}
