package io.thingbus.store.rocksdb;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Lock;

/**
 * The writes of one column family that the journal has accepted but not yet written to the database:
 * what makes a write readable the moment it returns. Reads consult the overlay before the database;
 * the journal's writer removes an entry once its batch is in the database, unless a later write to
 * the same key (or range) has replaced it meanwhile.
 *
 * <p>Holds pending puts and deletes by key, and pending range deletes. Range deletes must be
 * disjoint or identical: they are the per-client prefix ranges of a prefix-free key layout (a
 * client id behind its length), so at most one can cover a key.
 *
 * <p>Invariants that keep lock-free point reads right while the writer removes entries:
 * <ol>
 *   <li>Mutations ({@link #put}, {@link #delete}, {@link #deleteRange}) run under the journal's lock,
 *       in the same order as the writes enter the journal's queue, so the overlay and the database
 *       agree on which write to a key is the last.</li>
 *   <li>A range delete drops the pending point writes inside its range, so a point entry inside a
 *       pending range is always newer than the range: a point entry, when present, is the answer.</li>
 *   <li>After writing a batch the writer removes its range deletes before its point writes, so a
 *       reader that misses a point (already written) and then finds no range sees the database as of
 *       after both.</li>
 * </ol>
 */
final class Overlay {

    /** Unsigned lexicographic order: the order RocksDB's default comparator gives keys. */
    static final Comparator<byte[]> KEY_ORDER = Arrays::compareUnsigned;

    /** What {@link #lookup} answers for a key whose pending write is a delete; compare by identity. */
    static final byte[] DELETED = new byte[0];

    /** One pending put (value) or delete (null value). Compared by identity. */
    static final class Pending {
        final byte[] key;
        final byte[] value;

        Pending(byte[] key, byte[] value) {
            this.key = key;
            this.value = value;
        }
    }

    /** One pending range delete, from inclusive to exclusive. Compared by identity. */
    static final class Range {
        final byte[] from;
        final byte[] to;

        Range(byte[] from, byte[] to) {
            this.from = from;
            this.to = to;
        }

        boolean contains(byte[] key) {
            return KEY_ORDER.compare(key, from) >= 0 && KEY_ORDER.compare(key, to) < 0;
        }
    }

    /** The overlay of a key range at one moment: its point writes and its range deletes by start. */
    record Snapshot(NavigableMap<byte[], Pending> points, NavigableMap<byte[], Range> ranges) {

        /** True when a range delete of this snapshot covers {@code key}. */
        boolean deletedByRange(byte[] key) {
            Map.Entry<byte[], Range> floor = ranges.floorEntry(key);
            return floor != null && floor.getValue().contains(key);
        }
    }

    private final Lock journalLock;
    private final ConcurrentSkipListMap<byte[], Pending> points = new ConcurrentSkipListMap<>(KEY_ORDER);
    private final ConcurrentSkipListMap<byte[], Range> ranges = new ConcurrentSkipListMap<>(KEY_ORDER);

    /** @param journalLock the lock under which the journal mutates this overlay and queues its writes */
    Overlay(Lock journalLock) {
        this.journalLock = journalLock;
    }

    /** Under the journal's lock. */
    Pending put(byte[] key, byte[] value) {
        Pending pending = new Pending(key, value);
        points.put(key, pending);
        return pending;
    }

    /** Under the journal's lock. */
    Pending delete(byte[] key) {
        return put(key, null);
    }

    /** Under the journal's lock: records the range delete and drops the (older) point writes inside it. */
    Range deleteRange(byte[] from, byte[] to) {
        Range range = new Range(from, to);
        Range previous = ranges.put(from, range);
        assert previous == null || Arrays.equals(previous.to, to) : "range deletes must be disjoint or identical";
        points.subMap(from, true, to, false).clear();
        return range;
    }

    /** By the writer, once the batch holding {@code pending} is in the database. */
    void written(Pending pending) {
        points.remove(pending.key, pending);
    }

    /** By the writer, once the batch holding {@code range} is in the database. */
    void written(Range range) {
        ranges.remove(range.from, range);
    }

    /**
     * The pending state of one key, without locking: its pending value, {@link #DELETED} when its last
     * pending write deletes it, or null when the overlay has nothing to say and the database answers.
     */
    byte[] lookup(byte[] key) {
        Pending pending = points.get(key);
        if (pending != null) {
            return pending.value == null ? DELETED : pending.value;
        }
        Map.Entry<byte[], Range> floor = ranges.floorEntry(key);
        if (floor != null && floor.getValue().contains(key)) {
            return DELETED;
        }
        return null;
    }

    /**
     * A copy of the pending writes in {@code [from, to)} (null bounds are open), taken under the
     * journal's lock so it is one consistent moment. Read the database after taking it: anything the
     * writer removes from the overlay meanwhile is already in the database.
     */
    Snapshot snapshot(byte[] from, byte[] to) {
        journalLock.lock();
        try {
            NavigableMap<byte[], Pending> pointCopy = new TreeMap<>(KEY_ORDER);
            // Entry by entry: the writer removes entries meanwhile, so the view's size is not to be trusted.
            for (Map.Entry<byte[], Pending> entry : range(points, from, to).entrySet()) {
                pointCopy.put(entry.getKey(), entry.getValue());
            }
            NavigableMap<byte[], Range> rangeCopy = new TreeMap<>(KEY_ORDER);
            for (Range range : ranges.values()) {
                boolean endsAfterFrom = from == null || KEY_ORDER.compare(range.to, from) > 0;
                boolean startsBeforeTo = to == null || KEY_ORDER.compare(range.from, to) < 0;
                if (endsAfterFrom && startsBeforeTo) {
                    rangeCopy.put(range.from, range);
                }
            }
            return new Snapshot(pointCopy, rangeCopy);
        } finally {
            journalLock.unlock();
        }
    }

    /** True when nothing is pending (for tests). */
    boolean isEmpty() {
        return points.isEmpty() && ranges.isEmpty();
    }

    private static <V> NavigableMap<byte[], V> range(ConcurrentSkipListMap<byte[], V> map, byte[] from, byte[] to) {
        if (from == null && to == null) {
            return map;
        }
        if (from == null) {
            return map.headMap(to, false);
        }
        if (to == null) {
            return map.tailMap(from, true);
        }
        return map.subMap(from, true, to, false);
    }
}
