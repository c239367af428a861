/** The embedded RocksDB implementation of the storage SPIs of {@code io.thingbus.storage}. */
package io.thingbus.store.rocksdb;
