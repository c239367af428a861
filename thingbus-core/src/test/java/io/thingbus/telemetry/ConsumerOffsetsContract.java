package io.thingbus.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.events.TelemetryStoresContract;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConsumerOffsets} must do, and {@link LogConsumer} on top of it: commits per group
 * and partition, read at once and kept across a re-open, so a consumer resumes without loss or
 * duplicates; a consumer overtaken by retention is told.
 */
public abstract class ConsumerOffsetsContract extends TelemetryStoresContract {

    private ConsumerOffsets offsets() {
        return stores.consumerOffsets();
    }

    @Test
    void aGroupThatNeverCommittedHasNoOffset() {
        assertThat(offsets().committed("g", 0)).isEmpty();
    }

    @Test
    void commitsAreKeptPerGroupAndPartitionAndReplaced() {
        offsets().commit("g", 0, 5);
        offsets().commit("g", 1, 7);
        offsets().commit("g\u0000", 0, 9);
        offsets().commit("h", 65_535, Long.MAX_VALUE);
        offsets().commit("g", 0, 6);

        assertThat(offsets().committed("g", 0)).isEqualTo(OptionalLong.of(6));
        assertThat(offsets().committed("g", 1)).isEqualTo(OptionalLong.of(7));
        assertThat(offsets().committed("g\u0000", 0)).isEqualTo(OptionalLong.of(9));
        assertThat(offsets().committed("h", 65_535)).isEqualTo(OptionalLong.of(Long.MAX_VALUE));
        assertThat(offsets().committed("h", 0)).isEmpty();
    }

    @Test
    void refusesBadGroupsPartitionsAndOffsets() {
        assertThatThrownBy(() -> offsets().commit("", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> offsets().commit("x".repeat(256), 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> offsets().commit("g", 65_536, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> offsets().commit("g", 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commitsSurviveAReopen() {
        offsets().commit("$events", 3, 42);
        offsets().commit("batch-job", 3, 7);

        barrierAndReopen();

        assertThat(offsets().committed("$events", 3)).isEqualTo(OptionalLong.of(42));
        assertThat(offsets().committed("batch-job", 3)).isEqualTo(OptionalLong.of(7));
    }

    @Test
    void aConsumerResumesFromItsCommittedOffsetWithoutLossOrDuplicates() {
        for (int i = 0; i < 25; i++) {
            append(1, T0 + i, "d", "m" + i);
        }
        List<String> seen = new ArrayList<>();
        LogConsumer consumer = new LogConsumer(stores.telemetryLog(), offsets(), "job", 1);
        consumer.poll(10, 1 << 20).records().forEach(record -> seen.add(text(record.payload())));
        consumer.commit();
        consumer.poll(10, 1 << 20); // read but never committed: read again after the restart

        barrierAndReopen();
        for (int i = 25; i < 30; i++) {
            append(1, T0 + i, "d", "m" + i);
        }
        LogConsumer resumed = new LogConsumer(stores.telemetryLog(), offsets(), "job", 1);
        assertThat(resumed.position()).isEqualTo(10);
        TelemetryBatch batch;
        while (!(batch = resumed.poll(7, 1 << 20)).isEmpty()) {
            batch.records().forEach(record -> seen.add(text(record.payload())));
            resumed.commit();
        }

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add("m" + i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(offsets().committed("job", 1)).isEqualTo(OptionalLong.of(30));
    }

    @Test
    void aNewConsumerStartsAtTheLogsStart() {
        for (int i = 0; i < 5; i++) {
            append(0, T0 + i, "d", "m" + i);
        }
        stores.telemetryLog().enforceRetention(T0 + 2, Long.MAX_VALUE);

        LogConsumer consumer = new LogConsumer(stores.telemetryLog(), offsets(), "new", 0);

        assertThat(consumer.position()).isEqualTo(2);
        TelemetryBatch batch = consumer.poll(100, 1 << 20);
        assertThat(batch.truncated()).isFalse();
        assertThat(batch.records()).hasSize(3);
    }

    @Test
    void aConsumerOvertakenByRetentionIsToldAndGoesOnFromTheStart() {
        for (int i = 0; i < 10; i++) {
            append(0, T0 + i, "d", "m" + i);
        }
        LogConsumer slow = new LogConsumer(stores.telemetryLog(), offsets(), "slow", 0);
        slow.poll(2, 1 << 20);
        slow.commit();

        stores.telemetryLog().enforceRetention(T0 + 6, Long.MAX_VALUE);
        TelemetryBatch batch = slow.poll(100, 1 << 20);

        assertThat(batch.truncated()).isTrue();
        assertThat(batch.fromOffset()).isEqualTo(2);
        assertThat(batch.records()).extracting(TelemetryRecord::offset).containsExactly(6L, 7L, 8L, 9L);
        assertThat(slow.position()).isEqualTo(10);
    }
}
