package io.thingbus.registry;

import java.util.Objects;

/**
 * What a device proves itself with: two symmetric keys (either signs a SAS token, so one can be
 * rotated while the other is in use) and, optionally, the SHA-256 thumbprints of up to two X.509
 * client certificates.
 *
 * @param primaryKey          base64 of 32 random bytes
 * @param secondaryKey        base64 of 32 random bytes
 * @param primaryThumbprint   upper-case hex SHA-256 of a DER certificate, or null
 * @param secondaryThumbprint upper-case hex SHA-256 of a DER certificate, or null
 */
public record DeviceCredentials(String primaryKey, String secondaryKey, String primaryThumbprint,
                                String secondaryThumbprint) {

    public DeviceCredentials {
        Objects.requireNonNull(primaryKey, "primaryKey");
        Objects.requireNonNull(secondaryKey, "secondaryKey");
    }

    /** Symmetric keys only. */
    public static DeviceCredentials keys(String primaryKey, String secondaryKey) {
        return new DeviceCredentials(primaryKey, secondaryKey, null, null);
    }

    /** Keeps the thumbprints, replaces the keys. */
    public DeviceCredentials withKeys(String primary, String secondary) {
        return new DeviceCredentials(primary, secondary, primaryThumbprint, secondaryThumbprint);
    }

    /** Keeps the keys, replaces the thumbprints (either may be null). */
    public DeviceCredentials withThumbprints(String primary, String secondary) {
        return new DeviceCredentials(primaryKey, secondaryKey, primary, secondary);
    }

    /** Keys and thumbprints are never printed. */
    @Override
    public String toString() {
        return "DeviceCredentials[keys=<hidden>, thumbprints=" + (primaryThumbprint != null || secondaryThumbprint != null) + "]";
    }
}
