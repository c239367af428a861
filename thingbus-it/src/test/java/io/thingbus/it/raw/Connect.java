package io.thingbus.it.raw;

import java.nio.charset.StandardCharsets;

/**
 * A CONNECT packet (3.1.1 section 3.1, 5.0 section 3.1), built field by field so tests can also build
 * broken ones (wrong protocol name or level, reserved flag set).
 */
public final class Connect {

    /** Protocol Level of MQTT 3.1.1. */
    public static final int V311 = 4;
    /** Protocol Level (Protocol Version) of MQTT 5.0. */
    public static final int V5 = 5;

    private String protocolName = "MQTT";
    private int protocolLevel;
    private final String clientId;
    private boolean cleanStart = true;
    private int keepAlive = 60;
    private Properties properties = Properties.none();
    private Will will;
    private boolean reservedFlag;

    private Connect(int protocolLevel, String clientId) {
        this.protocolLevel = protocolLevel;
        this.clientId = clientId;
    }

    public static Connect v5(String clientId) {
        return new Connect(V5, clientId);
    }

    public static Connect v311(String clientId) {
        return new Connect(V311, clientId);
    }

    /** Clean Session (3.1.1) or Clean Start (5.0), connect flag bit 1. */
    public Connect cleanStart(boolean value) {
        this.cleanStart = value;
        return this;
    }

    /** Keep Alive in seconds; 0 turns the mechanism off. */
    public Connect keepAlive(int seconds) {
        this.keepAlive = seconds;
        return this;
    }

    /** MQTT 5 CONNECT properties (ignored for 3.1.1). */
    public Connect properties(Properties value) {
        this.properties = value;
        return this;
    }

    public Connect will(Will value) {
        this.will = value;
        return this;
    }

    /** Overrides the Protocol Name "MQTT", to build a CONNECT the server must refuse. */
    public Connect protocolName(String value) {
        this.protocolName = value;
        return this;
    }

    /** Overrides the Protocol Level, to build a CONNECT with an unsupported version. */
    public Connect protocolLevel(int value) {
        this.protocolLevel = value;
        return this;
    }

    /** Sets connect flag bit 0, which both specifications reserve and require to be 0. */
    public Connect reservedFlag(boolean value) {
        this.reservedFlag = value;
        return this;
    }

    public int protocolLevel() {
        return protocolLevel;
    }

    public byte[] encode() {
        boolean v5 = protocolLevel == V5;
        PacketWriter rest = new PacketWriter()
                .utf8(protocolName)                 // Protocol Name, "MQTT" with a Two Byte length prefix
                .u8(protocolLevel)                  // Protocol Level: 4 = 3.1.1, 5 = 5.0
                .u8(connectFlags())                 // Connect Flags
                .u16(keepAlive);                    // Keep Alive, seconds
        if (v5) {
            properties.encode(rest);                // CONNECT Properties (5.0 only)
        }
        rest.utf8(clientId);                        // Payload: Client Identifier, always present
        if (will != null) {
            if (v5) {
                will.properties().encode(rest);     // Will Properties (5.0 only)
            }
            rest.utf8(will.topic())                 // Will Topic
                    .binary(will.payload());        // Will Payload, Binary Data
        }
        return PacketWriter.packet(PacketType.CONNECT, 0, rest.toByteArray());
    }

    private int connectFlags() {
        int flags = 0;
        // bit 7 User Name Flag and bit 6 Password Flag stay 0: the tests connect anonymously.
        if (will != null) {
            flags |= will.retain() ? 0x20 : 0;      // bit 5: Will Retain
            flags |= (will.qos() & 0x03) << 3;      // bits 4-3: Will QoS
            flags |= 0x04;                          // bit 2: Will Flag
        }
        flags |= cleanStart ? 0x02 : 0;             // bit 1: Clean Session / Clean Start
        flags |= reservedFlag ? 0x01 : 0;           // bit 0: reserved, MUST be 0
        return flags;
    }

    @Override
    public String toString() {
        return "CONNECT[level=" + protocolLevel + " clientId=" + clientId + " cleanStart=" + cleanStart
                + " keepAlive=" + keepAlive + " properties=" + properties + " will=" + (will == null ? "none"
                : will.topic() + ":" + new String(will.payload(), StandardCharsets.UTF_8)) + "]";
    }
}
