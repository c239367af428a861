package io.thingbus.it.raw;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes MQTT data representations (3.1.1 section 1.5, 5.0 section 1.5) into a growing buffer. */
final class PacketWriter {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    /** One byte. */
    PacketWriter u8(int value) {
        buffer.write(value & 0xFF);
        return this;
    }

    /** Two Byte Integer, big-endian. */
    PacketWriter u16(int value) {
        return u8(value >>> 8).u8(value);
    }

    /** Four Byte Integer, big-endian. */
    PacketWriter u32(long value) {
        return u16((int) (value >>> 16)).u16((int) value);
    }

    /** Variable Byte Integer: seven bits per byte, least significant group first, high bit = "more bytes follow". */
    PacketWriter varint(int value) {
        int remaining = value;
        do {
            int digit = remaining % 128;
            remaining /= 128;
            u8(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        return this;
    }

    /** UTF-8 Encoded String: Two Byte length, then the bytes. */
    PacketWriter utf8(String value) {
        return binary(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Binary Data: Two Byte length, then the bytes. */
    PacketWriter binary(byte[] value) {
        return u16(value.length).bytes(value);
    }

    /** Raw bytes with no length prefix (a payload, or a deliberately broken field). */
    PacketWriter bytes(byte[] value) {
        buffer.writeBytes(value);
        return this;
    }

    int size() {
        return buffer.size();
    }

    byte[] toByteArray() {
        return buffer.toByteArray();
    }

    /**
     * A whole control packet: fixed header byte 1 (packet type in the high nibble, flags in the low nibble),
     * then the Remaining Length as a Variable Byte Integer, then {@code rest} (variable header and payload).
     */
    static byte[] packet(PacketType type, int flags, byte[] rest) {
        return new PacketWriter()
                .u8(type.code() << 4 | flags & 0x0F)
                .varint(rest.length)
                .bytes(rest)
                .toByteArray();
    }
}
