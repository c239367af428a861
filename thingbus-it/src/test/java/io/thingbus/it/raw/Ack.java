package io.thingbus.it.raw;

/**
 * PUBACK, PUBREC, PUBREL or PUBCOMP read from the server. In MQTT 5 the Reason Code may be left out when it is
 * 0x00 and there are no properties (5.0 section 3.4.2.1), so it defaults to 0.
 */
public record Ack(PacketType type, int packetId, int reasonCode, Properties properties) {

    static Ack decode(MqttPacket packet, int protocolLevel) {
        PacketReader in = new PacketReader(packet.body());
        int packetId = in.u16();
        int reasonCode = protocolLevel == Connect.V5 && in.hasRemaining() ? in.u8() : 0;
        Properties properties = protocolLevel == Connect.V5 && in.hasRemaining()
                ? Properties.decode(in) : Properties.none();
        return new Ack(packet.type(), packetId, reasonCode, properties);
    }
}
