package io.thingbus.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The client-id prefix of the keys of per-session column families ({@code queues}, {@code inflight}):
 * the UTF-8 length in 2 bytes big-endian, then the UTF-8 bytes. The length first makes the prefixes
 * prefix-free, so the range of one client never holds another's keys (not even a client whose id
 * begins with the first's), and one range delete removes exactly one session.
 */
final class ClientKeys {

    static final int MAX_CLIENT_ID_BYTES = 0xFFFF;

    private ClientKeys() {
    }

    /** A key of {@code clientId}'s prefix followed by {@code suffixLength} zero bytes for the caller to fill. */
    static byte[] key(String clientId, int suffixLength) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        if (id.length > MAX_CLIENT_ID_BYTES) {
            throw new IllegalArgumentException("a client id is at most 65,535 bytes of UTF-8, this one has " + id.length);
        }
        byte[] key = new byte[2 + id.length + suffixLength];
        key[0] = (byte) (id.length >>> 8);
        key[1] = (byte) id.length;
        System.arraycopy(id, 0, key, 2, id.length);
        return key;
    }

    /** The length of the client-id prefix at the start of {@code key}. */
    static int prefixLength(byte[] key) {
        return 2 + (((key[0] & 0xFF) << 8) | (key[1] & 0xFF));
    }

    /** The client id of a key. */
    static String clientId(byte[] key) {
        return new String(key, 2, prefixLength(key) - 2, StandardCharsets.UTF_8);
    }

    /** The first key after every key that starts with {@code prefix}: the exclusive end of its range. */
    static byte[] end(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        throw new IllegalArgumentException("a prefix of 0xFF bytes only has no end");
    }

    static void putLong(byte[] key, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            key[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    static long getLong(byte[] key, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (key[offset + i] & 0xFF);
        }
        return value;
    }
}
