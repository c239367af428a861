package io.thingbus.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one stored value: a growable byte array with the primitives every codec uses. Variable
 * length integers are unsigned LEB128 (7 bits a byte, least significant group first); signed ones
 * are zigzag-mapped first, so small negative numbers stay short. Strings are UTF-8 behind their byte
 * length. Not thread-safe; one writer per value.
 */
final class ValueWriter {

    private byte[] bytes;
    private int length;

    ValueWriter(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    ValueWriter writeByte(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
        return this;
    }

    ValueWriter writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    /** An unsigned variable-length integer: 1 byte up to 127, at most 10 bytes (5 for an int's 32 bits). */
    ValueWriter writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[length++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[length++] = (byte) value;
        return this;
    }

    /** The 32 bits of {@code value} as an unsigned variable-length integer. */
    ValueWriter writeVarInt(int value) {
        return writeVarLong(Integer.toUnsignedLong(value));
    }

    /** A signed number, zigzag-mapped so that -1 takes one byte. */
    ValueWriter writeSignedVarLong(long value) {
        return writeVarLong((value << 1) ^ (value >> 63));
    }

    ValueWriter writeBytes(byte[] value) {
        writeVarInt(value.length);
        return writeRaw(value);
    }

    ValueWriter writeRaw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    ValueWriter writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
        }
    }
}
