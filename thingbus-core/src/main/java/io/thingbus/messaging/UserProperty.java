package io.thingbus.messaging;

import java.util.Objects;

/** An MQTT 5 user property: a name/value pair carried end to end, order and duplicates kept. */
public record UserProperty(String name, String value) {
    public UserProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
