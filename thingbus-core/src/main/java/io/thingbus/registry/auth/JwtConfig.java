package io.thingbus.registry.auth;

import java.security.interfaces.RSAPublicKey;
import java.util.List;

/**
 * The operator's keys for JWT entitlement tokens: HS256 secrets and RS256 public keys. A token is
 * accepted only with an algorithm for which a key is configured, so {@code none} never is.
 *
 * @param hmacSecrets   HS256 secrets, each at least 32 bytes (RFC 7518 section 3.2)
 * @param rsaPublicKeys RS256 public keys, each at least 2048 bits
 * @param issuer        the {@code iss} every token must carry, or null for any
 * @param audience      an {@code aud} every token must carry, or null for any
 */
public record JwtConfig(List<byte[]> hmacSecrets, List<RSAPublicKey> rsaPublicKeys, String issuer, String audience) {

    /** No keys: entitlement tokens are refused. */
    public static final JwtConfig NONE = new JwtConfig(List.of(), List.of(), null, null);

    /** The shortest HS256 secret. */
    public static final int MIN_HMAC_SECRET_BYTES = 32;
    /** The smallest RSA modulus. */
    public static final int MIN_RSA_BITS = 2048;

    public JwtConfig {
        hmacSecrets = hmacSecrets.stream().map(byte[]::clone).toList();
        rsaPublicKeys = List.copyOf(rsaPublicKeys);
        for (byte[] secret : hmacSecrets) {
            if (secret.length < MIN_HMAC_SECRET_BYTES) {
                throw new IllegalArgumentException("a JWT HMAC secret must be at least " + MIN_HMAC_SECRET_BYTES
                        + " bytes, one has " + secret.length);
            }
        }
        for (RSAPublicKey key : rsaPublicKeys) {
            if (key.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalArgumentException("a JWT RSA key must have at least " + MIN_RSA_BITS + " bits, one has "
                        + key.getModulus().bitLength());
            }
        }
        if (issuer != null && issuer.isBlank() || audience != null && audience.isBlank()) {
            throw new IllegalArgumentException("a required JWT issuer or audience must not be blank");
        }
    }

    /** Whether any key is configured. */
    public boolean isEnabled() {
        return !hmacSecrets.isEmpty() || !rsaPublicKeys.isEmpty();
    }

    /** Never prints a secret. */
    @Override
    public String toString() {
        return "JwtConfig[hmacSecrets=" + hmacSecrets.size() + ", rsaPublicKeys=" + rsaPublicKeys.size() + ", issuer="
                + issuer + ", audience=" + audience + "]";
    }
}
