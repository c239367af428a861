package io.thingbus.registry;

import java.util.Locale;

/** Whether a device may connect. A disabled device is refused at CONNECT and its connections are closed. */
public enum DeviceStatus {
    ENABLED,
    DISABLED;

    /** The name in JSON and on the command line: {@code enabled}, {@code disabled}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static DeviceStatus fromWireName(String name) {
        for (DeviceStatus status : values()) {
            if (status.wireName().equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be 'enabled' or 'disabled', was '" + name + "'");
    }
}
