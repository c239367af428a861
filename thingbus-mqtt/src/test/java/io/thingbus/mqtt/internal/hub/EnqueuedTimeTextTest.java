package io.thingbus.mqtt.internal.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class EnqueuedTimeTextTest {

    private final EnqueuedTimeText text = new EnqueuedTimeText();

    @Test
    void writesWhatInstantToStringWritesForEveryMillisecondOfASecondAndAcrossSeconds() {
        long start = Instant.parse("2026-11-22T04:22:13Z").toEpochMilli();
        for (long millis = start - 5; millis < start + 2_005; millis++) {
            assertThat(text.of(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
    }

    @Test
    void writesWhatInstantToStringWritesForTimesInAnyOrder() {
        for (int i = 0; i < 10_000; i++) {
            long millis = ThreadLocalRandom.current().nextLong(0, 4_102_444_800_000L);
            assertThat(text.of(millis)).isEqualTo(Instant.ofEpochMilli(millis).toString());
        }
    }
}
