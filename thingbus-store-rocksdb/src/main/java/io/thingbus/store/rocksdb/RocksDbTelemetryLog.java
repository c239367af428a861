package io.thingbus.store.rocksdb;

import io.thingbus.messaging.UserProperty;
import io.thingbus.telemetry.TelemetryBatch;
import io.thingbus.telemetry.TelemetryLog;
import io.thingbus.telemetry.TelemetryPosition;
import io.thingbus.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongPredicate;

/**
 * {@link TelemetryLog} in the {@code telemetry} column family.
 *
 * <p>Key: partition (2 bytes) + offset (8), big-endian, so a partition is one contiguous key range in
 * offset order. Value: {@link TelemetryRecordCodec}. The column family has no overlay: reads see what
 * the journal has written, and they stop at each partition's durable end, so only durable records are
 * read.
 *
 * <p><b>Ordering.</b> Each partition's lock owns its sequence: {@link #append} stamps the offset and
 * time and queues the write into the journal under it, and the journal writes in queue order, so
 * offset order is the order in which records reach the disk, and a record is durable only after every
 * lower offset. The lock is held for a few field updates and one journal enqueue (the value is encoded
 * before), so appenders on different event loops barely wait for each other; partitions do not share
 * a lock. The durable end advances when an append's barrier completes, on the journal's writer
 * thread (or the appender's, when its record was written before it asked).
 *
 * <p><b>Recovery.</b> At open, one seek to the first and one to the last key of each partition give
 * its start offset, next offset, latest enqueued time and byte count.
 *
 * <p><b>Retention</b> finds each partition's cut with binary searches over point reads (times and
 * byte counts are monotonic in the offset) and removes the head with one range delete through the
 * journal; appends and reads go on meanwhile.
 */
final class RocksDbTelemetryLog implements TelemetryLog {

    static final int KEY_LENGTH = 10;

    /** Past every key: above the 10-byte key of the highest partition and offset. */
    private static final byte[] END_OF_KEYS = filled(KEY_LENGTH + 1);

    private final ColumnFamily family;
    private final GroupCommitJournal journal;
    private final ColumnReader reader;
    private final List<DurableListener> listeners = new CopyOnWriteArrayList<>();
    private final Object partitionsLock = new Object();
    /** By partition number, null where a partition has no state; replaced, never changed, under {@link #partitionsLock}. */
    private volatile Partition[] partitions = new Partition[0];

    /** The state of one partition. */
    private static final class Partition {
        final int number;
        /** Owns {@link #nextOffset}, {@link #lastTime} and {@link #bytes}: see the class comment. */
        final ReentrantLock lock = new ReentrantLock();
        long nextOffset;
        long lastTime;
        long bytes;
        /** The lowest offset held; written by retention only. */
        volatile long startOffset;
        final AtomicLong durableEnd;

        Partition(int number, long startOffset, long nextOffset, long lastTime, long bytes) {
            this.number = number;
            this.startOffset = startOffset;
            this.nextOffset = nextOffset;
            this.lastTime = lastTime;
            this.bytes = bytes;
            this.durableEnd = new AtomicLong(nextOffset);
        }
    }

    RocksDbTelemetryLog(ColumnFamily family, GroupCommitJournal journal, ColumnReader reader) {
        this.family = family;
        this.journal = journal;
        this.reader = reader;
        recover();
    }

    static byte[] key(int partition, long offset) {
        byte[] key = new byte[KEY_LENGTH];
        key[0] = (byte) (partition >>> 8);
        key[1] = (byte) partition;
        ClientKeys.putLong(key, 2, offset);
        return key;
    }

    static int partitionOf(byte[] key) {
        return ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
    }

    static long offsetOf(byte[] key) {
        return ClientKeys.getLong(key, 2);
    }

    /** The exclusive end of a partition's key range. */
    private static byte[] endOf(int partition) {
        return partition == TelemetryPosition.MAX_PARTITION ? END_OF_KEYS : key(partition + 1, 0);
    }

    @Override
    public CompletableFuture<TelemetryRecord> append(int partition, long proposedTime, String deviceId,
                                                     List<UserProperty> properties, String contentType, byte[] payload) {
        TelemetryPosition.requireValidPartition(partition);
        if (proposedTime < 0) {
            throw new IllegalArgumentException("an enqueued time must not be before 1970, was " + proposedTime);
        }
        List<UserProperty> kept = List.copyOf(properties);
        byte[] value = TelemetryRecordCodec.encodeUnstamped(deviceId, kept, contentType, payload);
        long size = TelemetryRecord.sizeOf(deviceId, kept, contentType, payload);
        Partition state = partition(partition);
        long offset;
        long time;
        state.lock.lock();
        try {
            offset = state.nextOffset;
            time = Math.max(proposedTime, state.lastTime);
            TelemetryRecordCodec.stamp(value, time, state.bytes + size);
            journal.put(family, key(partition, offset), value);
            state.nextOffset = offset + 1;
            state.lastTime = time;
            state.bytes += size;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            state.lock.unlock();
        }
        TelemetryRecord record = new TelemetryRecord(partition, offset, time, deviceId, kept, contentType, payload);
        return journal.barrier().thenApply(ignored -> {
            long end = state.durableEnd.accumulateAndGet(offset + 1, Math::max);
            for (DurableListener listener : listeners) {
                listener.durable(partition, end);
            }
            return record;
        });
    }

    @Override
    public TelemetryBatch read(int partition, long fromOffset, int maxRecords, int maxBytes) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, was " + maxRecords);
        }
        Partition state = existing(TelemetryPosition.requireValidPartition(partition));
        if (state == null) {
            return TelemetryBatch.of(partition, fromOffset, List.of(), 0);
        }
        long begin = Math.max(fromOffset, state.startOffset);
        long end = state.durableEnd.get();
        List<TelemetryRecord> records = new ArrayList<>();
        if (begin < end) {
            long[] bytes = {0};
            reader.scanWritten(family, key(partition, begin), key(partition, end), false, (key, value) -> {
                TelemetryRecord record = TelemetryRecordCodec.decode(partition, offsetOf(key), value);
                long size = record.size();
                if (!records.isEmpty() && bytes[0] + size > maxBytes) {
                    return false;
                }
                records.add(record);
                bytes[0] += size;
                return records.size() < maxRecords;
            });
        }
        return TelemetryBatch.of(partition, fromOffset, records, state.startOffset);
    }

    @Override
    public long startOffset(int partition) {
        Partition state = existing(partition);
        return state == null ? 0 : state.startOffset;
    }

    @Override
    public long endOffset(int partition) {
        Partition state = existing(partition);
        return state == null ? 0 : state.durableEnd.get();
    }

    @Override
    public List<Integer> partitions() {
        List<Integer> numbers = new ArrayList<>();
        for (Partition state : partitions) {
            if (state != null) {
                numbers.add(state.number);
            }
        }
        return numbers;
    }

    /** Synchronized: one retention pass at a time, the only writer of the start offsets. */
    @Override
    public synchronized long enforceRetention(long horizonMillis, long maxBytes) {
        long removed = 0;
        for (Partition state : partitions) {
            if (state == null) {
                continue;
            }
            long start = state.startOffset;
            long last = state.durableEnd.get() - 1;
            if (last <= start) {
                continue;
            }
            int partition = state.number;
            long ageCut = lowest(start, last, offset -> TelemetryRecordCodec.enqueuedTime(value(partition, offset)) >= horizonMillis);
            long cut = Math.min(last, Math.max(ageCut, sizeCut(partition, start, last, maxBytes)));
            if (cut > start) {
                journal.deleteRange(family, key(partition, start), key(partition, cut));
                state.startOffset = cut;
                removed += cut - start;
            }
        }
        return removed;
    }

    @Override
    public void addListener(DurableListener listener) {
        listeners.add(listener);
    }

    /**
     * The lowest offset from which the records up to {@code last} fit in {@code maxBytes}: keeping
     * {@code [cut, last]} costs {@code bytes(last) - bytes(cut - 1)}, where {@code bytes(o)} is the
     * partition bytes stamped on offset {@code o}.
     */
    private long sizeCut(int partition, long start, long last, long maxBytes) {
        long threshold = TelemetryRecordCodec.partitionBytes(value(partition, last)) - maxBytes;
        byte[] first = value(partition, start);
        long beforeStart = TelemetryRecordCodec.partitionBytes(first)
                - TelemetryRecordCodec.decode(partition, start, first).size();
        if (beforeStart >= threshold) {
            return start;
        }
        return lowest(start, last, offset -> TelemetryRecordCodec.partitionBytes(value(partition, offset)) >= threshold) + 1;
    }

    /** The lowest offset in {@code [low, high]} where the monotonic {@code test} holds, or {@code high + 1}. */
    private static long lowest(long low, long high, LongPredicate test) {
        long from = low;
        long to = high + 1;
        while (from < to) {
            long middle = from + (to - from) / 2;
            if (test.test(middle)) {
                to = middle;
            } else {
                from = middle + 1;
            }
        }
        return from;
    }

    private byte[] value(int partition, long offset) {
        byte[] value = reader.get(family, key(partition, offset));
        if (value == null) {
            throw new StoreFormatException("the telemetry log has no record at " + partition + ":" + offset
                    + " though it lies between the partition's start and durable end");
        }
        return value;
    }

    private Partition existing(int partition) {
        Partition[] current = partitions;
        return partition >= 0 && partition < current.length ? current[partition] : null;
    }

    private Partition partition(int partition) {
        Partition state = existing(partition);
        if (state != null) {
            return state;
        }
        synchronized (partitionsLock) {
            Partition[] current = partitions;
            if (partition < current.length && current[partition] != null) {
                return current[partition];
            }
            return install(new Partition(partition, 0, 0, 0, 0));
        }
    }

    /** Under {@link #partitionsLock}, or in the constructor. */
    private Partition install(Partition state) {
        Partition[] next = Arrays.copyOf(partitions, Math.max(partitions.length, state.number + 1));
        next[state.number] = state;
        partitions = next;
        return state;
    }

    /** Reads each stored partition's bounds, latest time and byte count. */
    private void recover() {
        byte[] from = key(0, 0);
        while (true) {
            byte[][] first = new byte[1][];
            reader.scanWritten(family, from, END_OF_KEYS, false, (key, value) -> {
                first[0] = key;
                return false;
            });
            if (first[0] == null) {
                return;
            }
            int partition = partitionOf(first[0]);
            long[] last = new long[3];
            reader.scanWritten(family, key(partition, 0), endOf(partition), true, (key, value) -> {
                last[0] = offsetOf(key);
                last[1] = TelemetryRecordCodec.enqueuedTime(value);
                last[2] = TelemetryRecordCodec.partitionBytes(value);
                return false;
            });
            install(new Partition(partition, offsetOf(first[0]), last[0] + 1, last[1], last[2]));
            if (partition == TelemetryPosition.MAX_PARTITION) {
                return;
            }
            from = key(partition + 1, 0);
        }
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 0xFF);
        return bytes;
    }
}
