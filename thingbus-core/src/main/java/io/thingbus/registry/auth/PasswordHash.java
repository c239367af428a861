package io.thingbus.registry.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A slow, salted hash of a user's password: PBKDF2 with HMAC-SHA256, a random 16-byte salt of its own
 * and the iteration count it was made with, all kept together so the count can be raised for new
 * passwords without breaking old ones. Stored as text, {@code pbkdf2-sha256$210000$salt$hash} (salt and
 * hash in base64). Compared in constant time; never printed.
 */
public final class PasswordHash {

    /** OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023): about 0.1 to 0.3 s of one core. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    /** The fewest iterations a new hash may use; tests use this to stay fast. */
    public static final int MIN_ITERATIONS = 1_000;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} with a fresh salt. */
    public static PasswordHash create(char[] password, int iterations, SecureRandom random) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 needs at least " + MIN_ITERATIONS + " iterations, was " + iterations);
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** A hash as {@link #encoded()} wrote it. @throws IllegalArgumentException when it is not one */
    public static PasswordHash parse(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("a password hash has the form " + SCHEME + "$iterations$salt$hash");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || salt.length == 0 || hash.length != HASH_BITS / 8) {
                throw new IllegalArgumentException("a password hash has a positive iteration count, a salt and 32 bytes");
            }
            return new PasswordHash(iterations, salt, hash);
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("a password hash's iteration count is a number", notNumber);
        }
    }

    /** Whether {@code password} hashes to this, compared in constant time. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    public int iterations() {
        return iterations;
    }

    /** The stored form, {@code pbkdf2-sha256$iterations$salt$hash}. */
    public String encoded() {
        Base64.Encoder base64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && iterations == that.iterations && Arrays.equals(salt, that.salt)
                && MessageDigest.isEqual(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * iterations + Arrays.hashCode(salt);
    }

    /** Never prints the salt or the hash. */
    @Override
    public String toString() {
        return SCHEME + "[iterations=" + iterations + "]";
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }
}
