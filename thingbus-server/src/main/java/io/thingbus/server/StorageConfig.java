package io.thingbus.server;

import io.thingbus.storage.FsyncPolicy;
import java.util.Objects;

/**
 * How the hub stores its state under the data directory.
 *
 * @param fsync            when the journal syncs to disk (default {@code always}, group-committed)
 * @param minFreeDiskBytes the disk-space floor below which new publishes are refused
 */
public record StorageConfig(FsyncPolicy fsync, long minFreeDiskBytes) {

    /** 100 MiB: room for RocksDB to flush and compact after the floor is reached. */
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 100L * 1024 * 1024;

    public StorageConfig {
        Objects.requireNonNull(fsync, "fsync");
        if (minFreeDiskBytes < 0) {
            throw new IllegalArgumentException("minFreeDiskBytes must not be negative, was " + minFreeDiskBytes);
        }
    }

    public static StorageConfig defaults() {
        return new StorageConfig(FsyncPolicy.ALWAYS, DEFAULT_MIN_FREE_DISK_BYTES);
    }
}
