package io.thingbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.telemetry.TelemetryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link EventStoreWriter} on each store: it indexes what is appended to the log, commits its
 * offsets, and after a restart goes on from them, indexing only what it had not.
 */
public abstract class EventStoreWriterContract extends TelemetryStoresContract {

    private EventStoreWriter writer;

    @AfterEach
    final void closeWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    private EventStoreWriter startWriter() {
        writer = new EventStoreWriter(stores);
        writer.start();
        return writer;
    }

    private List<Long> indexedTimes(String deviceId) {
        List<Long> times = new ArrayList<>();
        EventCursor cursor = null;
        do {
            EventPage page = stores.events().query(new EventQuery(deviceId, Instant.EPOCH, Instant.MAX, 100, EventOrder.ASC, cursor));
            page.events().forEach(record -> times.add(record.enqueuedTime()));
            cursor = page.next();
        } while (cursor != null);
        return times;
    }

    private void awaitIndexed(int partition, long endOffset) {
        Awaitility.await().atMost(PATIENCE).until(() -> stores.consumerOffsets().committed(EventStoreWriter.GROUP, partition)
                .equals(OptionalLong.of(endOffset)));
        barrier();
    }

    @Test
    void indexesWhatIsAppendedAndCommitsItsOffsets() {
        startWriter();
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            TelemetryRecord record = append(i % 3, T0 + i, "dev-" + (i % 5), "m" + i);
            if (record.deviceId().equals("dev-2")) {
                expected.add(record.enqueuedTime());
            }
        }

        for (int partition = 0; partition < 3; partition++) {
            awaitIndexed(partition, 100);
        }
        assertThat(indexedTimes("dev-2")).containsExactlyElementsOf(expected);
        assertThat(writer.indexedCount()).isEqualTo(300);
    }

    @Test
    void resumesFromItsCommittedOffsetsAfterARestart() {
        startWriter();
        for (int i = 0; i < 40; i++) {
            append(0, T0 + i, "d", "m" + i);
        }
        awaitIndexed(0, 40);
        writer.close();
        writer = null;
        for (int i = 40; i < 50; i++) {
            append(0, T0 + i, "d", "m" + i); // appended while no writer runs
        }

        barrierAndReopen();
        EventStoreWriter resumed = startWriter();
        for (int i = 50; i < 55; i++) {
            append(0, T0 + i, "d", "m" + i);
        }
        awaitIndexed(0, 55);

        assertThat(resumed.indexedCount()).as("only what the first writer had not indexed").isEqualTo(15);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            expected.add(T0 + i);
        }
        assertThat(indexedTimes("d")).containsExactlyElementsOf(expected);
    }
}
