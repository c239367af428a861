package io.thingbus.store.rocksdb;

import java.util.HexFormat;

/** Hex for the golden values of the codec tests, which pin each format down byte by byte. */
final class CodecTestSupport {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private CodecTestSupport() {
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] bytes(String hex) {
        return HEX.parseHex(hex);
    }

    /** The value with its first (version) byte replaced. */
    static byte[] withVersion(byte[] value, int version) {
        byte[] copy = value.clone();
        copy[0] = (byte) version;
        return copy;
    }
}
