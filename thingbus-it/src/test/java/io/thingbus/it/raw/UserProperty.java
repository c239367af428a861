package io.thingbus.it.raw;

/** One MQTT 5 User Property, a UTF-8 string pair; a packet may carry the same name more than once. */
public record UserProperty(String name, String value) {
}
