package io.thingbus.store.rocksdb;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * Reads of the stores: the {@link Overlay} of pending writes first, then the database, so every write
 * is readable the moment it returns.
 *
 * <p>Reads hold the read side of the store's close lock while they touch native handles, so closing
 * the store waits for them instead of freeing memory under them.
 */
final class ColumnReader {

    /** Receives one key and its value. */
    @FunctionalInterface
    interface EntryVisitor {
        void visit(byte[] key, byte[] value);
    }

    /** Receives one key and its value; returns false to end the scan there. */
    @FunctionalInterface
    interface StoppingVisitor {
        boolean visit(byte[] key, byte[] value);
    }

    private final RocksDB db;
    private final Lock closeGuard;
    private final String location;
    private volatile boolean closed;

    /**
     * @param db        the database
     * @param closeLock the store's close lock: reads take its read side
     * @param location  where the database is, for messages
     */
    ColumnReader(RocksDB db, ReadWriteLock closeLock, String location) {
        this.db = db;
        this.closeGuard = closeLock.readLock();
        this.location = location;
    }

    /** Called under the write side of the close lock: later reads fail instead of touching freed handles. */
    void markClosed() {
        closed = true;
    }

    /** The value of {@code key}, or null. */
    byte[] get(ColumnFamily family, byte[] key) {
        if (family.overlay() != null) {
            byte[] pending = family.overlay().lookup(key);
            if (pending == Overlay.DELETED) {
                return null;
            }
            if (pending != null) {
                return pending;
            }
        }
        closeGuard.lock();
        try {
            checkOpen();
            return db.get(family.handle(), key);
        } catch (RocksDBException e) {
            throw new StoreException("reading " + family.name() + " of the store at " + location + " failed", e);
        } finally {
            closeGuard.unlock();
        }
    }

    /**
     * Visits every entry with a key in {@code [from, to)} in key order; a null bound is open. Pending
     * writes issued before the call are seen; writes issued while it runs may or may not be.
     *
     * @param bulk true for a start-up scan of a whole column family: its blocks are not cached
     */
    void scan(ColumnFamily family, byte[] from, byte[] to, boolean bulk, EntryVisitor visitor) {
        scanWhile(family, from, to, bulk, (key, value) -> {
            visitor.visit(key, value);
            return true;
        });
    }

    /** As {@link #scan}, ending early when the visitor returns false (a page of a listing). */
    void scanWhile(ColumnFamily family, byte[] from, byte[] to, boolean bulk, StoppingVisitor visitor) {
        Overlay.Snapshot pending = family.overlay() == null ? null : family.overlay().snapshot(from, to);
        closeGuard.lock();
        try (ReadOptions options = new ReadOptions();
             Slice upperBound = to == null ? null : new Slice(to)) {
            checkOpen();
            if (bulk) {
                options.setFillCache(false).setReadaheadSize(2 * 1024 * 1024);
            }
            if (upperBound != null) {
                options.setIterateUpperBound(upperBound);
            }
            try (RocksIterator stored = db.newIterator(family.handle(), options)) {
                if (from == null) {
                    stored.seekToFirst();
                } else {
                    stored.seek(from);
                }
                if (pending == null) {
                    for (boolean more = true; more && stored.isValid(); stored.next()) {
                        more = visitor.visit(stored.key(), stored.value());
                    }
                } else {
                    merge(stored, pending, visitor);
                }
                stored.status();
            }
        } catch (RocksDBException e) {
            throw new StoreException("scanning " + family.name() + " of the store at " + location + " failed", e);
        } finally {
            closeGuard.unlock();
        }
    }

    /** Merges the stored entries with the pending ones: a pending write wins, a pending range delete hides. */
    private static void merge(RocksIterator stored, Overlay.Snapshot pending, StoppingVisitor visitor) {
        Iterator<Map.Entry<byte[], Overlay.Pending>> points = pending.points().entrySet().iterator();
        Overlay.Pending point = points.hasNext() ? points.next().getValue() : null;
        byte[] storedKey = stored.isValid() ? stored.key() : null;
        while (storedKey != null || point != null) {
            int order = storedKey == null ? 1 : point == null ? -1 : Overlay.KEY_ORDER.compare(storedKey, point.key);
            boolean more = true;
            if (order < 0) {
                if (!pending.deletedByRange(storedKey)) {
                    more = visitor.visit(storedKey, stored.value());
                }
            } else if (point.value != null) {
                // Pending points inside a pending range are newer than it (see Overlay), so they count.
                more = visitor.visit(point.key, point.value);
            }
            if (!more) {
                return;
            }
            if (order <= 0) {
                stored.next();
                storedKey = stored.isValid() ? stored.key() : null;
            }
            if (order >= 0) {
                point = points.hasNext() ? points.next().getValue() : null;
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the store at " + location + " is closed");
        }
    }
}
