package io.thingbus.it.raw;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads MQTT data representations from a packet body (everything after the fixed header). */
final class PacketReader {

    private final byte[] data;
    private int position;

    PacketReader(byte[] data) {
        this.data = data;
    }

    boolean hasRemaining() {
        return position < data.length;
    }

    int remaining() {
        return data.length - position;
    }

    int u8() {
        require(1);
        return data[position++] & 0xFF;
    }

    int u16() {
        return u8() << 8 | u8();
    }

    long u32() {
        return (long) u16() << 16 | u16();
    }

    int varint() {
        int value = 0;
        int multiplier = 1;
        for (int i = 0; i < 4; i++) {
            int digit = u8();
            value += (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0) {
                return value;
            }
            multiplier *= 128;
        }
        throw new AssertionError("malformed Variable Byte Integer from the server: more than four bytes");
    }

    String utf8() {
        return new String(binary(), StandardCharsets.UTF_8);
    }

    byte[] binary() {
        return bytes(u16());
    }

    byte[] bytes(int length) {
        require(length);
        byte[] result = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return result;
    }

    byte[] rest() {
        return bytes(remaining());
    }

    private void require(int length) {
        if (remaining() < length) {
            throw new AssertionError("packet from the server is shorter than its fields: needed " + length
                    + " more bytes at offset " + position + " of " + data.length);
        }
    }
}
