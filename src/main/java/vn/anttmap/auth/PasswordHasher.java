package vn.anttmap.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** PBKDF2-HMAC-SHA256 password hashes: {@code pbkdf2-sha256$iterations$salt$hash}, salts of 16 random bytes. */
public final class PasswordHasher {
    static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {
    }

    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2-sha256$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derive(password, salt, ITERATIONS));
    }

    /** Whether the password matches the stored hash (in constant time). */
    public static boolean verify(char[] password, String stored) {
        String[] p = stored.split("\\$");
        if (p.length != 4 || !p[0].equals("pbkdf2-sha256")) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(p[3]);
        byte[] actual = derive(password, Base64.getDecoder().decode(p[2]), Integer.parseInt(p[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    /** A random secret of {@code bytes} bytes, URL-safe. */
    public static String randomSecret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** SHA-256 of a token, hex: what is stored instead of the token. */
    public static String tokenHash(String token) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key derivations made on each thread: tests count them (never time them) to see that sign-in costs the same. */
    private static final ThreadLocal<long[]> DERIVATIONS = ThreadLocal.withInitial(() -> new long[1]);

    /** A hash of a random password nobody knows, to verify against when the user is unknown (same cost). */
    private static final class Dummy {
        static final String HASH = hash(randomSecret(16).toCharArray());
    }

    /**
     * Verifies against a hash no password matches, taking as long as {@link #verify} for a real account: an unknown
     * user name is then not told apart from a wrong password by the time the answer takes. Always false.
     */
    public static boolean verifyNobody(char[] password) {
        verify(password, Dummy.HASH);
        return false;
    }

    /** How many key derivations this thread has made (for tests). */
    static long derivationsOnThisThread() {
        return DERIVATIONS.get()[0];
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        DERIVATIONS.get()[0]++;
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }
}
