package io.thingbus.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The on-disk format of the whole database, recorded in the {@code meta} column family.
 *
 * <p>Key {@code format-version}: 4 bytes big-endian, the format of the key layouts and column
 * families ({@link #CURRENT}). Written when the database is created, checked at every open: a
 * database of a newer or unknown format is refused with a {@link StoreFormatException}, never
 * misread. A later format adds a migration step from each older version here; version 1 has none.
 * (Each value also starts with its own codec version, so one codec can evolve without a new format.)
 *
 * <p>Key {@code message-id-high-water}: 8 bytes big-endian, a mark at or above every message id ever
 * removed, so no id is given out twice (see {@link RocksDbMessageStore}).
 */
final class StoreFormat {

    /** The on-disk format this build writes and reads. */
    static final int CURRENT = 1;

    static final byte[] FORMAT_VERSION_KEY = "format-version".getBytes(StandardCharsets.US_ASCII);
    static final byte[] MESSAGE_HIGH_WATER_KEY = "message-id-high-water".getBytes(StandardCharsets.US_ASCII);

    private StoreFormat() {
    }

    /**
     * Checks the format version of an opened database, or records {@link #CURRENT} in a new one.
     *
     * @param data the column families that hold data: a database without a version must have none
     */
    static void checkOrInitialise(RocksDB db, ColumnFamilyHandle meta, List<ColumnFamilyHandle> data, String location)
            throws RocksDBException {
        byte[] stored = db.get(meta, FORMAT_VERSION_KEY);
        if (stored == null) {
            for (ColumnFamilyHandle handle : data) {
                if (!isEmpty(db, handle)) {
                    throw new StoreFormatException("the store at " + location + " holds data but no format version;"
                            + " it was not written by Thingbus, or its meta column family was lost");
                }
            }
            try (WriteOptions sync = new WriteOptions().setSync(true)) {
                db.put(meta, sync, FORMAT_VERSION_KEY, encodeInt(CURRENT));
            }
            return;
        }
        if (stored.length != 4) {
            throw new StoreFormatException("the store at " + location + " has an unreadable format version ("
                    + stored.length + " bytes instead of 4)");
        }
        int version = decodeInt(stored);
        if (version > CURRENT) {
            throw new StoreFormatException("the store at " + location + " has on-disk format version " + version
                    + ", newer than version " + CURRENT + " that this Thingbus reads; run a newer Thingbus or restore"
                    + " a backup made with this one");
        }
        if (version < CURRENT) {
            throw new StoreFormatException("the store at " + location + " has unknown on-disk format version " + version
                    + "; this Thingbus reads version " + CURRENT + " and knows no migration from " + version);
        }
    }

    static byte[] encodeInt(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    static int decodeInt(byte[] bytes) {
        return ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }

    static byte[] encodeLong(long value) {
        byte[] bytes = new byte[8];
        ClientKeys.putLong(bytes, 0, value);
        return bytes;
    }

    /** The message-id high-water mark recorded in {@code meta}, or 0. */
    static long messageHighWater(RocksDB db, ColumnFamilyHandle meta, String location) throws RocksDBException {
        byte[] stored = db.get(meta, MESSAGE_HIGH_WATER_KEY);
        if (stored == null) {
            return 0;
        }
        if (stored.length != 8) {
            throw new StoreFormatException("the store at " + location + " has an unreadable message-id high-water mark");
        }
        return ClientKeys.getLong(stored, 0);
    }

    private static boolean isEmpty(RocksDB db, ColumnFamilyHandle handle) throws RocksDBException {
        try (RocksIterator iterator = db.newIterator(handle)) {
            iterator.seekToFirst();
            boolean empty = !iterator.isValid();
            iterator.status();
            return empty;
        }
    }
}
