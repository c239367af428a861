package io.thingbus.registry;

import java.util.Locale;

/**
 * What a service principal may do through the management API, each role including the ones before
 * it: a reader reads, an operator also manages devices and sends to them, an admin also manages
 * principals and the hub itself.
 */
public enum Role {
    READER,
    OPERATOR,
    ADMIN;

    /** Whether this role may do what {@code required} may. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /** The name on the wire and on disk: {@code reader}, {@code operator}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of a wire name, case-insensitive; refuses an unknown one. */
    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equalsIgnoreCase(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "' (expected reader, operator or admin)");
    }
}
