package io.thingbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.UserProperty;
import io.thingbus.telemetry.TelemetryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EventStore} must do: per-device range queries by enqueued time, then partition,
 * then offset, in both orders, with limits and cursors that page through without gaps or repeats;
 * idempotent adds; retention by age within the store's granularity; everything kept across a re-open.
 */
public abstract class EventStoreContract extends TelemetryStoresContract {

    private static final long MINUTE = 60_000;
    private static final long DAY = 86_400_000;

    private long nextOffset;

    private EventStore events() {
        return stores.events();
    }

    private TelemetryRecord event(String deviceId, long time, int partition) {
        return new TelemetryRecord(partition, nextOffset++, time, deviceId, List.of(new UserProperty("n", "" + nextOffset)),
                "application/json", utf8("{\"t\":" + time + "}"));
    }

    /** Adds the events and waits until they are visible. */
    private void add(List<TelemetryRecord> records) {
        events().add(records);
        barrier();
    }

    private EventPage query(String deviceId, long from, long to, int limit, EventOrder order, EventCursor cursor) {
        return events().query(new EventQuery(deviceId, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to), limit, order, cursor));
    }

    private static List<EventKey> keys(EventPage page) {
        return page.events().stream().map(EventKey::of).toList();
    }

    /** Every page of a query, followed through the cursors. */
    private List<EventKey> allPages(String deviceId, long from, long to, int limit, EventOrder order) {
        List<EventKey> all = new ArrayList<>();
        EventCursor cursor = null;
        do {
            EventPage page = query(deviceId, from, to, limit, order, cursor);
            assertThat(page.events().size()).isLessThanOrEqualTo(limit);
            all.addAll(keys(page));
            cursor = page.next() == null ? null : EventCursor.decode(page.next().encode());
        } while (cursor != null);
        return all;
    }

    @Test
    void anUnknownDeviceHasNoEvents() {
        EventPage page = query("nobody", 0, Long.MAX_VALUE, 10, EventOrder.ASC, null);

        assertThat(page.events()).isEmpty();
        assertThat(page.next()).isNull();
    }

    @Test
    void returnsADevicesEventsInTheRangeInEitherOrderWithEveryField() {
        List<TelemetryRecord> day = new ArrayList<>();
        for (int i = 0; i < 144; i++) {
            day.add(event("meter-1", T0 + i * 10 * MINUTE, 3));
            day.add(event("meter-10", T0 + i * 10 * MINUTE, 3)); // a device whose id begins with the first's
        }
        add(day);

        EventPage asc = query("meter-1", T0 + 60 * MINUTE, T0 + 120 * MINUTE, 100, EventOrder.ASC, null);
        EventPage desc = query("meter-1", T0 + 60 * MINUTE, T0 + 120 * MINUTE, 100, EventOrder.DESC, null);

        assertThat(asc.events()).extracting(TelemetryRecord::enqueuedTime)
                .containsExactly(T0 + 60 * MINUTE, T0 + 70 * MINUTE, T0 + 80 * MINUTE, T0 + 90 * MINUTE, T0 + 100 * MINUTE,
                        T0 + 110 * MINUTE);
        assertThat(asc.next()).isNull();
        List<EventKey> reversed = new ArrayList<>(keys(asc));
        Collections.reverse(reversed);
        assertThat(keys(desc)).containsExactlyElementsOf(reversed);
        TelemetryRecord first = asc.events().get(0);
        TelemetryRecord added = day.get(12);
        assertThat(first.deviceId()).isEqualTo("meter-1");
        assertThat(first.position()).isEqualTo(added.position());
        assertThat(first.properties()).isEqualTo(added.properties());
        assertThat(first.contentType()).isEqualTo("application/json");
        assertThat(first.payload()).containsExactly(added.payload());
    }

    @Test
    void ordersEventsOfTheSameTimeByPartitionThenOffset() {
        TelemetryRecord p2 = new TelemetryRecord(2, 5, T0, "d", List.of(), null, new byte[0]);
        TelemetryRecord p1high = new TelemetryRecord(1, 900, T0, "d", List.of(), null, new byte[0]);
        TelemetryRecord p1low = new TelemetryRecord(1, 7, T0, "d", List.of(), null, new byte[0]);
        TelemetryRecord earlier = new TelemetryRecord(9, 1_000, T0 - 1, "d", List.of(), null, new byte[0]);
        add(List.of(p2, p1high, p1low, earlier));

        assertThat(keys(query("d", 0, Long.MAX_VALUE, 10, EventOrder.ASC, null)))
                .containsExactly(EventKey.of(earlier), EventKey.of(p1low), EventKey.of(p1high), EventKey.of(p2));
    }

    @Test
    void pagesThroughManyDaysWithoutGapsOrRepeatsInBothOrders() {
        List<TelemetryRecord> records = new ArrayList<>();
        List<EventKey> expected = new ArrayList<>();
        for (int i = 0; i < 3 * 48; i++) {
            long time = T0 - DAY / 2 + i * 30 * MINUTE; // three days, the first starting at noon
            TelemetryRecord record = event("walker", time, i % 3);
            records.add(record);
            expected.add(EventKey.of(record));
            TelemetryRecord sameTime = event("walker", time, 0); // two events at some times
            if (i % 10 == 0) {
                records.add(sameTime);
                expected.add(EventKey.of(sameTime));
            }
            records.add(event("other", time, 1));
        }
        add(records);
        Collections.sort(expected);

        assertThat(allPages("walker", 0, Long.MAX_VALUE, 7, EventOrder.ASC)).containsExactlyElementsOf(expected);
        List<EventKey> descending = new ArrayList<>(expected);
        Collections.reverse(descending);
        assertThat(allPages("walker", 0, Long.MAX_VALUE, 11, EventOrder.DESC)).containsExactlyElementsOf(descending);
        assertThat(allPages("walker", 0, Long.MAX_VALUE, expected.size(), EventOrder.ASC)).hasSize(expected.size());

        long from = T0 + 3 * 60 * MINUTE;
        long to = T0 + DAY + 60 * MINUTE;
        List<EventKey> inRange = expected.stream().filter(key -> key.enqueuedTime() >= from && key.enqueuedTime() < to).toList();
        assertThat(allPages("walker", from, to, 5, EventOrder.ASC)).containsExactlyElementsOf(inRange);
    }

    @Test
    void aFullPageSaysWhetherMoreFollow() {
        add(List.of(event("d", T0, 0), event("d", T0 + 1, 0), event("d", T0 + 2, 0)));

        EventPage page = query("d", T0, T0 + 3, 2, EventOrder.ASC, null);
        assertThat(page.events()).hasSize(2);
        assertThat(page.next()).isNotNull();
        EventPage last = query("d", T0, T0 + 3, 2, EventOrder.ASC, page.next());
        assertThat(last.events()).extracting(TelemetryRecord::enqueuedTime).containsExactly(T0 + 2);
        assertThat(last.next()).isNull();
        assertThat(query("d", T0, T0 + 3, 3, EventOrder.ASC, null).next()).as("exactly the limit left").isNull();
    }

    @Test
    void fromIsInclusiveAndToExclusive() {
        add(List.of(event("d", T0 - 1, 0), event("d", T0, 0), event("d", T0 + 9, 0), event("d", T0 + 10, 0)));

        assertThat(query("d", T0, T0 + 10, 10, EventOrder.ASC, null).events()).extracting(TelemetryRecord::enqueuedTime)
                .containsExactly(T0, T0 + 9);
        assertThat(query("d", T0, T0, 10, EventOrder.ASC, null).events()).isEmpty();
        assertThat(query("d", T0 + 10, T0, 10, EventOrder.DESC, null).events()).isEmpty();
    }

    @Test
    void addingAnEventAgainReplacesIt() {
        TelemetryRecord record = event("d", T0, 0);
        add(List.of(record));
        add(List.of(record, record));

        assertThat(query("d", 0, Long.MAX_VALUE, 10, EventOrder.ASC, null).events()).hasSize(1);
    }

    @Test
    void retentionRemovesOldEventsWithinTheStoresGranularity() {
        long horizon = T0 + 5 * DAY + 7 * 60 * MINUTE;
        long granularity = events().retentionGranularityMillis();
        List<TelemetryRecord> records = new ArrayList<>();
        for (long time = T0; time < T0 + 8 * DAY; time += 60 * MINUTE) {
            records.add(event("d", time, 0));
        }
        add(records);

        events().enforceRetention(horizon);
        barrier();

        List<EventKey> left = allPages("d", 0, Long.MAX_VALUE, 1_000, EventOrder.ASC);
        assertThat(left).allSatisfy(key -> assertThat(key.enqueuedTime()).isGreaterThanOrEqualTo(horizon - granularity));
        assertThat(left).filteredOn(key -> key.enqueuedTime() >= horizon)
                .hasSize((int) records.stream().filter(record -> record.enqueuedTime() >= horizon).count());
        assertThat(left.get(0).enqueuedTime()).isLessThanOrEqualTo(horizon);
    }

    @Test
    void eventsAndRetentionSurviveAReopen() {
        List<TelemetryRecord> records = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            records.add(event("kept", T0 + day * DAY + 1, 0));
        }
        add(records);
        events().enforceRetention(T0 + 2 * DAY);

        barrierAndReopen();

        assertThat(allPages("kept", 0, Long.MAX_VALUE, 10, EventOrder.DESC)).extracting(EventKey::enqueuedTime)
                .containsExactly(T0 + 3 * DAY + 1, T0 + 2 * DAY + 1);
        add(List.of(event("kept", T0 + 9 * DAY, 0)));
        assertThat(query("kept", T0 + 5 * DAY, Long.MAX_VALUE, 10, EventOrder.ASC, null).events()).hasSize(1);
    }

    @Test
    void anOpenRangeUpToInstantMaxFindsEvents() {
        add(List.of(event("d", T0, 0)));

        EventPage page = events().query(new EventQuery("d", Instant.EPOCH, Instant.MAX, 10, EventOrder.DESC, null));

        assertThat(page.events()).hasSize(1);
    }
}
