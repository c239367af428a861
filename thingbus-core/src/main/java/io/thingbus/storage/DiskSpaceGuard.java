package io.thingbus.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk-space floor: below {@code minFreeBytes} of usable space on the data directory's file
 * system, the hub refuses new publishes (and keeps serving everything else). The free space is read
 * at most once a second, on the first call after the second has passed, so checking it per
 * message costs a clock read.
 */
public final class DiskSpaceGuard {

    private static final Logger log = LoggerFactory.getLogger(DiskSpaceGuard.class);
    private static final long RECHECK_MILLIS = 1000;

    private final LongSupplier usableBytes;
    private final long minFreeBytes;
    private final Clock clock;
    private volatile long checkedAtMillis = Long.MIN_VALUE;
    private volatile boolean hasRoom = true;

    /**
     * @param usableBytes  reads the usable space now
     * @param minFreeBytes the floor
     * @param clock        paces the reads
     */
    public DiskSpaceGuard(LongSupplier usableBytes, long minFreeBytes, Clock clock) {
        this.usableBytes = usableBytes;
        this.minFreeBytes = minFreeBytes;
        this.clock = clock;
    }

    /** A guard of the file system holding {@code directory}. */
    public static DiskSpaceGuard of(Path directory, long minFreeBytes, Clock clock) {
        try {
            FileStore fileStore = Files.getFileStore(directory);
            return new DiskSpaceGuard(() -> usableSpace(fileStore), minFreeBytes, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the file system of " + directory.toAbsolutePath(), e);
        }
    }

    /** A guard that never refuses: for stores that do not use the disk. */
    public static DiskSpaceGuard unlimited() {
        return new DiskSpaceGuard(() -> Long.MAX_VALUE, 0, Clock.systemUTC());
    }

    /** True while the free space is at or above the floor. */
    public boolean hasRoom() {
        long now = clock.millis();
        if (now - RECHECK_MILLIS >= checkedAtMillis) {
            checkedAtMillis = now;
            boolean room = usableBytes.getAsLong() >= minFreeBytes;
            if (room != hasRoom) {
                log.warn(room ? "Disk space back above the floor of {} bytes: accepting publishes again"
                        : "Disk space below the floor of {} bytes: refusing new publishes", minFreeBytes);
            }
            hasRoom = room;
        }
        return hasRoom;
    }

    /** The floor in bytes. */
    public long minFreeBytes() {
        return minFreeBytes;
    }

    private static long usableSpace(FileStore fileStore) {
        try {
            return fileStore.getUsableSpace();
        } catch (IOException e) {
            log.warn("Cannot read free disk space: {}", e.toString());
            return Long.MAX_VALUE;
        }
    }
}
