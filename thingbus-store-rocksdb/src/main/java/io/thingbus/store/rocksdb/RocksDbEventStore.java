package io.thingbus.store.rocksdb;

import io.thingbus.events.EventKey;
import io.thingbus.events.EventOrder;
import io.thingbus.events.EventPage;
import io.thingbus.events.EventQuery;
import io.thingbus.events.EventStore;
import io.thingbus.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link EventStore} in the {@code events} column family.
 *
 * <p>Key: day (4 bytes: whole UTC days since the epoch of the enqueued time) + device id length (2)
 * + device id (UTF-8) + enqueued time (8) + partition (2) + offset (8), all big-endian. Value:
 * {@link EventCodec}.
 *
 * <p>Within a day, one device's events are one contiguous key range in query order, so a page is one
 * bounded iterator per day it spans (a day of 10-minute readings: one or two). The day in front makes
 * retention one range delete of whole days, instead of a delete per device: events are removed a day
 * at a time, so an event is kept up to a day past its retention ({@link #retentionGranularityMillis()}).
 * The store remembers the first and last day it holds, so an open-ended query visits only those.
 *
 * <p>The column family has no overlay: an added event is visible once the journal has written it.
 */
final class RocksDbEventStore implements EventStore {

    static final long DAY_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final ColumnFamily family;
    private final GroupCommitJournal journal;
    private final ColumnReader reader;
    /** The first day not removed by retention. */
    private volatile int firstDay;
    /** The latest day holding an event, or -1. */
    private volatile int lastDay;
    private final Object daysLock = new Object();

    RocksDbEventStore(ColumnFamily family, GroupCommitJournal journal, ColumnReader reader) {
        this.family = family;
        this.journal = journal;
        this.reader = reader;
        int[] bounds = {-1, -1};
        byte[] all = {0};
        byte[] end = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        reader.scanWritten(family, all, end, false, (key, value) -> {
            bounds[0] = dayOf(key);
            return false;
        });
        reader.scanWritten(family, all, end, true, (key, value) -> {
            bounds[1] = dayOf(key);
            return false;
        });
        this.firstDay = Math.max(0, bounds[0]);
        this.lastDay = bounds[1];
    }

    static int day(long enqueuedTime) {
        return Math.toIntExact(enqueuedTime / DAY_MILLIS);
    }

    static int dayOf(byte[] key) {
        return ((key[0] & 0xFF) << 24) | ((key[1] & 0xFF) << 16) | ((key[2] & 0xFF) << 8) | (key[3] & 0xFF);
    }

    /** The key of one event of a device in a day, or the bound of a range when time, partition and offset are bounds. */
    static byte[] key(int day, byte[] deviceId, long enqueuedTime, int partition, long offset) {
        byte[] key = new byte[4 + 2 + deviceId.length + 18];
        key[0] = (byte) (day >>> 24);
        key[1] = (byte) (day >>> 16);
        key[2] = (byte) (day >>> 8);
        key[3] = (byte) day;
        key[4] = (byte) (deviceId.length >>> 8);
        key[5] = (byte) deviceId.length;
        System.arraycopy(deviceId, 0, key, 6, deviceId.length);
        int at = 6 + deviceId.length;
        ClientKeys.putLong(key, at, enqueuedTime);
        key[at + 8] = (byte) (partition >>> 8);
        key[at + 9] = (byte) partition;
        ClientKeys.putLong(key, at + 10, offset);
        return key;
    }

    static byte[] key(TelemetryRecord record) {
        return key(day(record.enqueuedTime()), deviceBytes(record.deviceId()), record.enqueuedTime(), record.partition(),
                record.offset());
    }

    private static byte[] deviceBytes(String deviceId) {
        byte[] bytes = deviceId.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > ClientKeys.MAX_CLIENT_ID_BYTES) {
            throw new IllegalArgumentException("a device id is at most 65,535 bytes of UTF-8, this one has " + bytes.length);
        }
        return bytes;
    }

    @Override
    public void add(List<TelemetryRecord> records) {
        int latest = -1;
        for (TelemetryRecord record : records) {
            journal.put(family, key(record), EventCodec.encode(record));
            latest = Math.max(latest, day(record.enqueuedTime()));
        }
        synchronized (daysLock) {
            if (latest > lastDay) {
                lastDay = latest;
            }
        }
    }

    @Override
    public EventPage query(EventQuery query) {
        long from = query.fromMillis();
        long to = query.toMillis();
        EventKey cursor = query.cursor() == null ? null : query.cursor().last();
        boolean ascending = query.order() == EventOrder.ASC;
        if (cursor != null && ascending) {
            from = Math.max(from, cursor.enqueuedTime());
        } else if (cursor != null) {
            to = Math.min(to, cursor.enqueuedTime() + 1);
        }
        List<TelemetryRecord> found = new ArrayList<>();
        if (from >= to || lastDay < 0) {
            return EventPage.of(query, found);
        }
        int last = lastDay;
        int first = (int) Math.max(firstDay, Math.min(from / DAY_MILLIS, last + 1L));
        last = (int) Math.min(last, (to - 1) / DAY_MILLIS);
        byte[] device = deviceBytes(query.deviceId());
        for (int i = 0; i <= last - first && found.size() <= query.limit(); i++) {
            int day = ascending ? first + i : last - i;
            long dayStart = day * DAY_MILLIS;
            byte[] lower = key(day, device, Math.max(from, dayStart), 0, 0);
            byte[] upper = key(day, device, Math.min(to, dayStart + DAY_MILLIS), 0, 0);
            if (cursor != null && day == day(cursor.enqueuedTime())) {
                byte[] at = key(day, device, cursor.enqueuedTime(), cursor.partition(), cursor.offset());
                if (ascending) {
                    lower = Arrays.copyOf(at, at.length + 1); // just after the cursor
                } else {
                    upper = at;
                }
            }
            reader.scanWritten(family, lower, upper, !ascending, (key, value) -> {
                found.add(decode(query.deviceId(), key, value, device.length));
                return found.size() <= query.limit();
            });
        }
        return EventPage.of(query, found);
    }

    @Override
    public void enforceRetention(long horizonMillis) {
        int keepFrom = day(Math.max(0, horizonMillis));
        synchronized (daysLock) {
            if (keepFrom <= firstDay) {
                return;
            }
            journal.deleteRange(family, dayBound(firstDay), dayBound(keepFrom));
            firstDay = keepFrom;
        }
    }

    @Override
    public long retentionGranularityMillis() {
        return DAY_MILLIS;
    }

    private static byte[] dayBound(int day) {
        return new byte[] {(byte) (day >>> 24), (byte) (day >>> 16), (byte) (day >>> 8), (byte) day};
    }

    private static TelemetryRecord decode(String deviceId, byte[] key, byte[] value, int deviceLength) {
        int at = 6 + deviceLength;
        long enqueuedTime = ClientKeys.getLong(key, at);
        int partition = ((key[at + 8] & 0xFF) << 8) | (key[at + 9] & 0xFF);
        return EventCodec.decode(deviceId, enqueuedTime, partition, ClientKeys.getLong(key, at + 10), value);
    }
}
