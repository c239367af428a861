/**
 * The embedded RocksDB implementation of the storage SPIs of {@code io.thingbus.storage}.
 *
 * <p>{@link io.thingbus.store.rocksdb.RocksDbStores} is the only public entry point: one database, a
 * column family per store, binary big-endian keys, a versioned codec per column family and an
 * on-disk format version checked at every open. Every write goes through one group-committing
 * journal; an overlay of pending writes makes each write readable the moment it returns.
 */
package io.thingbus.store.rocksdb;
