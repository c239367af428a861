package io.thingbus.sim.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class DeliveryStatsTest {

    private final DeliveryStats stats = new DeliveryStats();

    @Test
    void countsButDoesNotMeasureBeforeTheWindowIsSet() {
        stats.onDelivery(0, 1_000);

        assertThat(stats.delivered()).isEqualTo(1);
        assertThat(stats.arrivedInWindow()).isZero();
        assertThat(stats.latency().total().getTotalCount()).isZero();
    }

    @Test
    void throughputCountsArrivalsAndLatencyCountsStampsInsideTheWindow() {
        stats.measure(new MeasurementWindow(1_000, 2_000));

        stats.onDelivery(500, 1_100);   // sent during warm-up, arrived in the window
        stats.onDelivery(1_500, 1_600); // sent and arrived in the window
        stats.onDelivery(1_900, 2_400); // sent in the window, arrived late

        assertThat(stats.arrivedInWindow()).isEqualTo(2);
        assertThat(stats.stampedInWindow()).isEqualTo(2);
        assertThat(stats.latency().total().getTotalCount()).isEqualTo(2);
        assertThat(stats.latency().total().getMaxValue()).isBetween(499L, 501L);
        assertThat(stats.isMeasured(1_900)).isTrue();
        assertThat(stats.isMeasured(500)).isFalse();
    }

    @Test
    void readsTheStampFromThePayload() {
        stats.measure(new MeasurementWindow(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2));
        ByteBuf payload = Unpooled.buffer();
        try {
            LatencyPayload.write(payload, System.nanoTime(), 1, 32);

            assertThat(stats.onDelivery(payload)).isNotNegative();
            assertThat(stats.stampedInWindow()).isEqualTo(1);
        } finally {
            payload.release();
        }
    }

    @Test
    void foreignPayloadsAreCountedApart() {
        ByteBuf foreign = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        try {
            assertThat(stats.onDelivery(foreign)).isEqualTo(-1);
            assertThat(stats.unstamped()).isEqualTo(1);
            assertThat(stats.delivered()).isZero();
        } finally {
            foreign.release();
        }
    }
}
