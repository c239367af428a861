package io.thingbus.sim.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublishStatsTest {

    @Test
    void countsEverythingAndSeparatelyWhatWasStampedInTheWindow() {
        PublishStats stats = new PublishStats();
        stats.sent(5);
        stats.measure(new MeasurementWindow(10, 20));
        stats.sent(9);
        stats.sent(10);
        stats.sent(19);
        stats.sent(20);

        assertThat(stats.sent()).isEqualTo(5);
        assertThat(stats.sentInWindow()).isEqualTo(2);
    }

    @Test
    void countsAcknowledgementsThatArriveInsideTheWindow() {
        PublishStats stats = new PublishStats();
        stats.acknowledged(15);
        stats.measure(new MeasurementWindow(10, 20));
        stats.acknowledged(9);
        stats.acknowledged(10);
        stats.acknowledged(19);
        stats.acknowledged(20);

        assertThat(stats.acknowledgedInWindow()).isEqualTo(2);
    }
}
