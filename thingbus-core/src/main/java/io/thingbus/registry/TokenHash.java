package io.thingbus.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a bearer token: what the hub stores instead of the token. A fast hash is enough
 * because every token the hub issues carries 256 random bits (and a configured admin token must be
 * at least {@link ServicePrincipals#MIN_CONFIGURED_TOKEN_LENGTH} characters); nothing is left to
 * guess offline. Compared in constant time.
 */
public final class TokenHash {

    private static final int SHA256_BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] digest;

    private TokenHash(byte[] digest) {
        this.digest = digest;
    }

    /** The hash of a presented or new token. */
    public static TokenHash of(String token) {
        try {
            return new TokenHash(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A stored hash, as {@link #hex()} wrote it; refuses anything but 64 hex digits. */
    public static TokenHash fromHex(String hex) {
        byte[] digest;
        try {
            digest = HEX.parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            throw new IllegalArgumentException("a token hash is 64 hex digits", notHex);
        }
        if (digest.length != SHA256_BYTES) {
            throw new IllegalArgumentException("a token hash is 64 hex digits, got " + hex.length());
        }
        return new TokenHash(digest);
    }

    public String hex() {
        return HEX.formatHex(digest);
    }

    /** Constant-time comparison: the time taken does not depend on where the hashes differ. */
    public boolean matches(TokenHash other) {
        return MessageDigest.isEqual(digest, other.digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenHash hash && matches(hash);
    }

    @Override
    public int hashCode() {
        return (digest[0] & 0xFF) << 24 | (digest[1] & 0xFF) << 16 | (digest[2] & 0xFF) << 8 | (digest[3] & 0xFF);
    }

    @Override
    public String toString() {
        return "sha256:" + hex().substring(0, 8) + "...";
    }
}
