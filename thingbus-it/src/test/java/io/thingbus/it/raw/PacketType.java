package io.thingbus.it.raw;

/** MQTT control packet types: the high nibble of the fixed header's first byte (3.1.1 2.2.1, 5.0 2.1.2). */
public enum PacketType {
    RESERVED(0),
    CONNECT(1),
    CONNACK(2),
    PUBLISH(3),
    PUBACK(4),
    PUBREC(5),
    PUBREL(6),
    PUBCOMP(7),
    SUBSCRIBE(8),
    SUBACK(9),
    UNSUBSCRIBE(10),
    UNSUBACK(11),
    PINGREQ(12),
    PINGRESP(13),
    DISCONNECT(14),
    AUTH(15);

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static PacketType of(int code) {
        return values()[code];
    }
}
