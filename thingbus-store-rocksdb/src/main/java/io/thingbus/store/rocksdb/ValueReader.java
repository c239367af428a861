package io.thingbus.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one stored value written by {@link ValueWriter}. Every read checks the bounds, so a value cut
 * short or corrupt fails with a {@link StoreFormatException} naming what was being read, never with a
 * wrong result or an {@link ArrayIndexOutOfBoundsException}.
 */
final class ValueReader {

    private final byte[] bytes;
    private final String what;
    private int position;

    /**
     * @param bytes the value
     * @param what  what the value is (for example "message value"), for error messages
     */
    ValueReader(byte[] bytes, String what) {
        this.bytes = bytes;
        this.what = what;
    }

    /** Reads the version byte at the start of a value and refuses any version but {@code known}. */
    static ValueReader ofVersion(byte[] bytes, String what, int known) {
        ValueReader reader = new ValueReader(bytes, what);
        int version = reader.readUnsignedByte();
        if (version != known) {
            throw new StoreFormatException(what + " has codec version " + version + " but this build reads only version "
                    + known + "; it was written by a newer or incompatible Thingbus");
        }
        return reader;
    }

    int readUnsignedByte() {
        need(1);
        return bytes[position++] & 0xFF;
    }

    long readLong() {
        need(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value;
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw corrupt("a variable-length integer longer than 10 bytes");
    }

    int readVarInt() {
        long value = readVarLong();
        if ((value >>> 32) != 0) {
            throw corrupt("a 32-bit integer of " + value);
        }
        return (int) value;
    }

    long readSignedVarLong() {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A length read from the value, checked against the bytes that remain. */
    int readLength() {
        int length = readVarInt();
        if (length < 0 || length > remaining()) {
            throw corrupt("a length of " + Integer.toUnsignedString(length) + " with " + remaining() + " bytes left");
        }
        return length;
    }

    byte[] readBytes() {
        int length = readLength();
        byte[] value = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    String readString() {
        int length = readLength();
        String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** Every byte from here to the end. */
    byte[] readRemaining() {
        byte[] value = Arrays.copyOfRange(bytes, position, bytes.length);
        position = bytes.length;
        return value;
    }

    int remaining() {
        return bytes.length - position;
    }

    /** Fails unless the whole value has been read: trailing bytes mean a format this build does not know. */
    void expectEnd() {
        if (position != bytes.length) {
            throw corrupt((bytes.length - position) + " unread bytes at its end");
        }
    }

    StoreFormatException corrupt(String problem) {
        return new StoreFormatException(what + " is corrupt: " + problem + " (at byte " + position + " of " + bytes.length + ")");
    }

    private void need(int count) {
        if (bytes.length - position < count) {
            throw new StoreFormatException(what + " is cut short: needs " + count + " more bytes at byte " + position
                    + " of " + bytes.length);
        }
    }
}
