package io.thingbus.it.raw;

import java.util.ArrayList;
import java.util.List;

/**
 * SUBACK or UNSUBACK read from the server: one reason code per topic filter of the request (an MQTT 3.1.1
 * UNSUBACK has none).
 */
public record Suback(PacketType type, int packetId, Properties properties, List<Integer> reasonCodes) {

    static Suback decode(MqttPacket packet, int protocolLevel) {
        PacketReader in = new PacketReader(packet.body());
        int packetId = in.u16();
        Properties properties = protocolLevel == Connect.V5 ? Properties.decode(in) : Properties.none();
        List<Integer> codes = new ArrayList<>();
        while (in.hasRemaining()) {
            codes.add(in.u8());
        }
        return new Suback(packet.type(), packetId, properties, List.copyOf(codes));
    }
}
