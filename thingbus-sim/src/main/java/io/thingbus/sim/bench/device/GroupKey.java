package io.thingbus.sim.bench.device;

import io.thingbus.registry.auth.SasToken;
import java.util.Base64;

/**
 * An enrollment group's symmetric key. Each member's device key derives from it as the hub's group
 * enrollments (and Azure DPS) derive it: {@code base64(HMAC-SHA256(base64decode(groupKey), deviceId))}.
 * Never printed.
 *
 * @param base64 base64 of 16 to 64 bytes, as the hub accepts for enrollment keys
 */
public record GroupKey(String base64) {

    private static final int MIN_BYTES = 16;
    private static final int MAX_BYTES = 64;

    public GroupKey {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("--sas-group-key must be base64");
        }
        if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("--sas-group-key must be base64 of " + MIN_BYTES + " to " + MAX_BYTES
                    + " bytes, was " + bytes.length + " bytes");
        }
    }

    /** The key of the member registered as {@code deviceId} (base64). */
    public String deviceKey(String deviceId) {
        return SasToken.base64Hmac(base64, deviceId);
    }

    @Override
    public String toString() {
        return "GroupKey[<hidden>]";
    }
}
