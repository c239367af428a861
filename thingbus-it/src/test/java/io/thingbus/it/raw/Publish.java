package io.thingbus.it.raw;

import java.nio.charset.StandardCharsets;

/**
 * A PUBLISH packet (3.1.1 section 3.3, 5.0 section 3.3), both to build outgoing ones and to read incoming ones.
 *
 * @param packetId   Packet Identifier; only on the wire when {@code qos > 0}
 * @param properties MQTT 5 PUBLISH properties; ignored for 3.1.1
 */
public record Publish(String topic, int qos, boolean retain, boolean dup, int packetId, Properties properties,
                      byte[] payload) {

    public static Publish of(String topic, String payload) {
        return new Publish(topic, 0, false, false, 0, Properties.none(), payload.getBytes(StandardCharsets.UTF_8));
    }

    public static Publish of(String topic, byte[] payload) {
        return new Publish(topic, 0, false, false, 0, Properties.none(), payload.clone());
    }

    /** The QoS bits as given, even the malformed value 3, and the Packet Identifier that goes with them. */
    public Publish withQos(int newQos, int newPacketId) {
        return new Publish(topic, newQos, retain, dup, newPacketId, properties, payload);
    }

    public Publish withRetain(boolean newRetain) {
        return new Publish(topic, qos, newRetain, dup, packetId, properties, payload);
    }

    public Publish withDup(boolean newDup) {
        return new Publish(topic, qos, retain, newDup, packetId, properties, payload);
    }

    public Publish withProperties(Properties newProperties) {
        return new Publish(topic, qos, retain, dup, packetId, newProperties, payload);
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public byte[] encode(int protocolLevel) {
        int flags = (dup ? 0x08 : 0)                // bit 3: DUP, set on a re-delivery
                | (qos & 0x03) << 1                 // bits 2-1: QoS level
                | (retain ? 0x01 : 0);              // bit 0: RETAIN
        PacketWriter rest = new PacketWriter()
                .utf8(topic);                       // Topic Name (empty when a Topic Alias stands in for it)
        if (qos > 0) {
            rest.u16(packetId);                     // Packet Identifier, only for QoS 1 and 2
        }
        if (protocolLevel == Connect.V5) {
            properties.encode(rest);                // PUBLISH Properties (5.0 only)
        }
        rest.bytes(payload);                        // Payload: the rest of the packet, no length prefix
        return PacketWriter.packet(PacketType.PUBLISH, flags, rest.toByteArray());
    }

    static Publish decode(MqttPacket packet, int protocolLevel) {
        int flags = packet.flags();
        boolean dup = (flags & 0x08) != 0;
        int qos = (flags >> 1) & 0x03;
        boolean retain = (flags & 0x01) != 0;
        PacketReader in = new PacketReader(packet.body());
        String topic = in.utf8();
        int packetId = qos > 0 ? in.u16() : 0;
        Properties properties = protocolLevel == Connect.V5 ? Properties.decode(in) : Properties.none();
        return new Publish(topic, qos, retain, dup, packetId, properties, in.rest());
    }

    @Override
    public String toString() {
        return "PUBLISH[topic=" + topic + " qos=" + qos + " retain=" + retain + " dup=" + dup + " id=" + packetId
                + " properties=" + properties + " payload=" + payloadText() + "]";
    }
}
