package io.thingbus.it.raw;

/** An MQTT 5 DISCONNECT read from the server (5.0 section 3.14); an empty body means Reason Code 0x00. */
public record Disconnect(int reasonCode, Properties properties) {

    static Disconnect decode(MqttPacket packet) {
        PacketReader in = new PacketReader(packet.body());
        int reasonCode = in.hasRemaining() ? in.u8() : 0x00;
        Properties properties = in.hasRemaining() ? Properties.decode(in) : Properties.none();
        return new Disconnect(reasonCode, properties);
    }
}
