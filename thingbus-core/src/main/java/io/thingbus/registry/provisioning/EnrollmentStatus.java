package io.thingbus.registry.provisioning;

import java.util.Locale;

/** Whether an enrollment lets its devices register. Disabling one stops new registrations, not devices already registered. */
public enum EnrollmentStatus {
    ENABLED,
    DISABLED;

    /** The name in JSON: {@code enabled}, {@code disabled}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static EnrollmentStatus fromWireName(String name) {
        for (EnrollmentStatus status : values()) {
            if (status.wireName().equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be 'enabled' or 'disabled', was '" + name + "'");
    }
}
