package io.thingbus.registry.provisioning;

import java.util.Locale;

/** Which sort of enrollment let a device in. */
public enum EnrollmentKind {
    /** One device, by registration id, with its own keys. */
    INDIVIDUAL,
    /** Any device whose key derives from the group's key. */
    GROUP;

    /** The name in JSON: {@code individual}, {@code group}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
