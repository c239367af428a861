package io.thingbus.it.raw;

import java.util.List;

/**
 * Encoders for the small client-to-server packets: acknowledgements, SUBSCRIBE, UNSUBSCRIBE, PINGREQ and
 * DISCONNECT. CONNECT and PUBLISH have their own builders ({@link Connect}, {@link Publish}).
 */
public final class Packets {

    private Packets() {
    }

    /** PUBACK for QoS 1: fixed header 0x40, then the Packet Identifier (Reason Code 0x00 may be omitted in 5.0). */
    public static byte[] puback(int packetId) {
        return PacketWriter.packet(PacketType.PUBACK, 0, new PacketWriter().u16(packetId).toByteArray());
    }

    /** PUBREC, first answer to a QoS 2 PUBLISH: fixed header 0x50, then the Packet Identifier. */
    public static byte[] pubrec(int packetId) {
        return PacketWriter.packet(PacketType.PUBREC, 0, new PacketWriter().u16(packetId).toByteArray());
    }

    /** PUBREL: fixed header 0x62 (flags MUST be 0010), then the Packet Identifier. */
    public static byte[] pubrel(int packetId) {
        return PacketWriter.packet(PacketType.PUBREL, 0x02, new PacketWriter().u16(packetId).toByteArray());
    }

    /** PUBCOMP, last step of QoS 2: fixed header 0x70, then the Packet Identifier. */
    public static byte[] pubcomp(int packetId) {
        return PacketWriter.packet(PacketType.PUBCOMP, 0, new PacketWriter().u16(packetId).toByteArray());
    }

    public static byte[] subscribe(int protocolLevel, int packetId, Subscription... subscriptions) {
        return subscribe(protocolLevel, packetId, Properties.none(), List.of(subscriptions));
    }

    /**
     * SUBSCRIBE: fixed header 0x82 (flags MUST be 0010), Packet Identifier, MQTT 5 properties (such as the
     * Subscription Identifier), then each topic filter with its options byte.
     */
    public static byte[] subscribe(int protocolLevel, int packetId, Properties properties, List<Subscription> subscriptions) {
        PacketWriter rest = new PacketWriter().u16(packetId);        // Packet Identifier
        if (protocolLevel == Connect.V5) {
            properties.encode(rest);                                // SUBSCRIBE Properties (5.0 only)
        }
        for (Subscription subscription : subscriptions) {
            rest.utf8(subscription.filter())                        // Topic Filter
                    .u8(subscription.optionsByte(protocolLevel));   // Requested QoS / Subscription Options
        }
        return PacketWriter.packet(PacketType.SUBSCRIBE, 0x02, rest.toByteArray());
    }

    /** UNSUBSCRIBE: fixed header 0xA2 (flags MUST be 0010), Packet Identifier, MQTT 5 properties, then the filters. */
    public static byte[] unsubscribe(int protocolLevel, int packetId, String... filters) {
        PacketWriter rest = new PacketWriter().u16(packetId);
        if (protocolLevel == Connect.V5) {
            Properties.none().encode(rest);
        }
        for (String filter : filters) {
            rest.utf8(filter);
        }
        return PacketWriter.packet(PacketType.UNSUBSCRIBE, 0x02, rest.toByteArray());
    }

    /** PINGREQ: fixed header 0xC0 and Remaining Length 0. */
    public static byte[] pingreq() {
        return PacketWriter.packet(PacketType.PINGREQ, 0, new byte[0]);
    }

    /** DISCONNECT with Reason Code 0x00: fixed header 0xE0 and Remaining Length 0 (both versions). */
    public static byte[] disconnect() {
        return PacketWriter.packet(PacketType.DISCONNECT, 0, new byte[0]);
    }

    /** MQTT 5 DISCONNECT: fixed header 0xE0, Reason Code, then DISCONNECT properties. */
    public static byte[] disconnect(int reasonCode, Properties properties) {
        PacketWriter rest = new PacketWriter().u8(reasonCode);
        properties.encode(rest);
        return PacketWriter.packet(PacketType.DISCONNECT, 0, rest.toByteArray());
    }

    /** Any packet type with any flags and body, to build what the specification forbids. */
    public static byte[] raw(int firstByte, byte[] remainingLengthAndBody) {
        return new PacketWriter().u8(firstByte).bytes(remainingLengthAndBody).toByteArray();
    }

    /** Encodes a Variable Byte Integer on its own, for hand-built packets. */
    public static byte[] varint(int value) {
        return new PacketWriter().varint(value).toByteArray();
    }
}
