package io.thingbus.store.rocksdb;

import org.rocksdb.ColumnFamilyHandle;

/**
 * One column family of the database as the stores use it.
 *
 * @param name    its name, for messages and logs
 * @param handle  the RocksDB handle (closed by {@link RocksDbStores})
 * @param overlay its pending writes, or null when nothing reads it through the journal (the
 *                retained messages, read from their in-memory index, and the metadata)
 */
record ColumnFamily(String name, ColumnFamilyHandle handle, Overlay overlay) {
}
