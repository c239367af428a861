package io.thingbus.registry.provisioning;

import io.thingbus.registry.DeviceCredentials;
import io.thingbus.registry.auth.SasToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * The two symmetric keys of an enrollment (either may sign, so one can be rotated while the other is
 * in use). An individual enrollment's keys are its device's keys; a group's keys derive each
 * member's keys ({@link #deriveFor}).
 *
 * @param primaryKey   base64 of 16 to 64 bytes
 * @param secondaryKey base64 of 16 to 64 bytes
 */
public record EnrollmentKeys(String primaryKey, String secondaryKey) {

    /** Fewest bytes a key may have (as Azure DPS). */
    public static final int MIN_KEY_BYTES = 16;
    /** Most bytes a key may have (as Azure DPS). */
    public static final int MAX_KEY_BYTES = 64;

    public EnrollmentKeys {
        requireValidKey(primaryKey, "primaryKey");
        requireValidKey(secondaryKey, "secondaryKey");
    }

    /**
     * The keys of the device that registers as {@code registrationId} under a group with these keys:
     * each is {@code base64(HMAC-SHA256(base64decode(groupKey), registrationId))}, as Azure DPS
     * derives them, so a device SDK's own derivation gives the same key.
     */
    public EnrollmentKeys deriveFor(String registrationId) {
        return new EnrollmentKeys(SasToken.base64Hmac(primaryKey, registrationId),
                SasToken.base64Hmac(secondaryKey, registrationId));
    }

    /**
     * Whether {@code token} is signed with either key. Both are checked, in constant time, whatever
     * the first answers.
     */
    public boolean signed(SasToken token) {
        boolean primary = token.isSignedWith(primaryKey);
        boolean secondary = token.isSignedWith(secondaryKey);
        return primary | secondary;
    }

    /** Whether a device holds exactly these keys, compared in constant time. */
    public boolean matches(DeviceCredentials credentials) {
        boolean primary = constantTimeEquals(primaryKey, credentials.primaryKey());
        boolean secondary = constantTimeEquals(secondaryKey, credentials.secondaryKey());
        return primary & secondary;
    }

    /** The keys as a device's credentials (no certificate thumbprints). */
    public DeviceCredentials toDeviceCredentials() {
        return DeviceCredentials.keys(primaryKey, secondaryKey);
    }

    /** Keys are never printed. */
    @Override
    public String toString() {
        return "EnrollmentKeys[<hidden>]";
    }

    private static void requireValidKey(String key, String name) {
        Objects.requireNonNull(key, name);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(name + " must be base64");
        }
        if (bytes.length < MIN_KEY_BYTES || bytes.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(name + " must be base64 of " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES
                    + " bytes, was " + bytes.length + " bytes");
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
