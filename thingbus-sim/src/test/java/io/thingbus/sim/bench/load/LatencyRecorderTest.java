package io.thingbus.sim.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void intervalsAddUpToTheTotal() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(1_000);
        recorder.record(2_000);

        assertThat(recorder.collectInterval().getTotalCount()).isEqualTo(2);

        recorder.record(3_000_000);
        assertThat(recorder.collectInterval().getTotalCount()).isEqualTo(1);
        assertThat(recorder.total().getTotalCount()).isEqualTo(3);
        assertThat(recorder.total().getMaxValue()).isBetween(2_990_000L, 3_010_000L);
    }

    @Test
    void negativeLatenciesCountAsZero() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(-5);

        assertThat(recorder.total().getMaxValue()).isZero();
    }
}
