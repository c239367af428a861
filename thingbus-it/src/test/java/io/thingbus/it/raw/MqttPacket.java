package io.thingbus.it.raw;

import java.util.HexFormat;

/** One control packet as read off the wire: its type, the fixed header flags and the body after the Remaining Length. */
public record MqttPacket(PacketType type, int flags, byte[] body) {

    @Override
    public String toString() {
        return type + "[flags=" + Integer.toBinaryString(flags) + " body=" + HexFormat.of().formatHex(body) + "]";
    }
}
