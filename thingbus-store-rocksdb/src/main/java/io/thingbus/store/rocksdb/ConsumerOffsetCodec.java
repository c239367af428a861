package io.thingbus.store.rocksdb;

/**
 * The value format of a committed consumer offset (the {@code consumer-offsets} column family).
 *
 * <p>Version 1:
 * <pre>
 * byte    version (1)
 * varlong the offset the group reads next
 * </pre>
 */
final class ConsumerOffsetCodec {

    static final int VERSION = 1;

    private static final String WHAT = "consumer offset value";

    private ConsumerOffsetCodec() {
    }

    static byte[] encode(long offset) {
        return new ValueWriter(11).writeByte(VERSION).writeVarLong(offset).toByteArray();
    }

    static long decode(byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, WHAT, VERSION);
        long offset = in.readVarLong();
        in.expectEnd();
        if (offset < 0) {
            throw in.corrupt("a negative offset");
        }
        return offset;
    }
}
