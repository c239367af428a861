package io.thingbus.it.raw;

/** MQTT 5 property identifiers and their data types (5.0 section 2.2.2.2). */
public enum PropertyId {
    PAYLOAD_FORMAT_INDICATOR(0x01, Kind.BYTE),
    MESSAGE_EXPIRY_INTERVAL(0x02, Kind.FOUR_BYTE),
    CONTENT_TYPE(0x03, Kind.UTF8),
    RESPONSE_TOPIC(0x08, Kind.UTF8),
    CORRELATION_DATA(0x09, Kind.BINARY),
    SUBSCRIPTION_IDENTIFIER(0x0B, Kind.VARIABLE_BYTE),
    SESSION_EXPIRY_INTERVAL(0x11, Kind.FOUR_BYTE),
    ASSIGNED_CLIENT_IDENTIFIER(0x12, Kind.UTF8),
    SERVER_KEEP_ALIVE(0x13, Kind.TWO_BYTE),
    AUTHENTICATION_METHOD(0x15, Kind.UTF8),
    AUTHENTICATION_DATA(0x16, Kind.BINARY),
    REQUEST_PROBLEM_INFORMATION(0x17, Kind.BYTE),
    WILL_DELAY_INTERVAL(0x18, Kind.FOUR_BYTE),
    REQUEST_RESPONSE_INFORMATION(0x19, Kind.BYTE),
    RESPONSE_INFORMATION(0x1A, Kind.UTF8),
    SERVER_REFERENCE(0x1C, Kind.UTF8),
    REASON_STRING(0x1F, Kind.UTF8),
    RECEIVE_MAXIMUM(0x21, Kind.TWO_BYTE),
    TOPIC_ALIAS_MAXIMUM(0x22, Kind.TWO_BYTE),
    TOPIC_ALIAS(0x23, Kind.TWO_BYTE),
    MAXIMUM_QOS(0x24, Kind.BYTE),
    RETAIN_AVAILABLE(0x25, Kind.BYTE),
    USER_PROPERTY(0x26, Kind.UTF8_PAIR),
    MAXIMUM_PACKET_SIZE(0x27, Kind.FOUR_BYTE),
    WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, Kind.BYTE),
    SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, Kind.BYTE),
    SHARED_SUBSCRIPTION_AVAILABLE(0x2A, Kind.BYTE);

    /** How a property's value is encoded on the wire (5.0 section 1.5). */
    enum Kind { BYTE, TWO_BYTE, FOUR_BYTE, VARIABLE_BYTE, UTF8, BINARY, UTF8_PAIR }

    private final int id;
    private final Kind kind;

    PropertyId(int id, Kind kind) {
        this.id = id;
        this.kind = kind;
    }

    int id() {
        return id;
    }

    Kind kind() {
        return kind;
    }

    static PropertyId of(int id) {
        for (PropertyId property : values()) {
            if (property.id == id) {
                return property;
            }
        }
        throw new IllegalArgumentException("unknown MQTT 5 property identifier 0x" + Integer.toHexString(id));
    }
}
