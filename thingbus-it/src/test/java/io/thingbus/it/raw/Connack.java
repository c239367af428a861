package io.thingbus.it.raw;

/**
 * A CONNACK read from the server (3.1.1 section 3.2, 5.0 section 3.2).
 *
 * @param reasonCode the 3.1.1 Connect Return Code or the 5.0 Connect Reason Code
 */
public record Connack(boolean sessionPresent, int reasonCode, Properties properties) {

    static Connack decode(MqttPacket packet, int protocolLevel) {
        PacketReader in = new PacketReader(packet.body());
        int acknowledgeFlags = in.u8();             // bit 0: Session Present; bits 7-1 reserved
        int reasonCode = in.u8();                   // Connect Return Code / Connect Reason Code
        Properties properties = protocolLevel == Connect.V5 && in.hasRemaining()
                ? Properties.decode(in) : Properties.none();
        return new Connack((acknowledgeFlags & 0x01) != 0, reasonCode, properties);
    }
}
