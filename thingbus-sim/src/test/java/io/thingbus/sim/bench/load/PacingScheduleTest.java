package io.thingbus.sim.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacingScheduleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void eventsAreSpacedByTheInterval() {
        PacingSchedule schedule = new PacingSchedule(5_000, 1_000);

        assertThat(schedule.intendedNanos(0)).isEqualTo(5_000);
        assertThat(schedule.intendedNanos(1)).isEqualTo(5_000 + 1_000_000);
        assertThat(schedule.intendedNanos(1_000)).isEqualTo(5_000 + SECOND);
    }

    @Test
    void dueCountsEventsAtOrBeforeNow() {
        PacingSchedule schedule = new PacingSchedule(0, 10); // one every 100 ms

        assertThat(schedule.dueBy(-1)).isZero();
        assertThat(schedule.dueBy(0)).isEqualTo(1);
        assertThat(schedule.dueBy(99_999_999)).isEqualTo(1);
        assertThat(schedule.dueBy(100_000_000)).isEqualTo(2);
        assertThat(schedule.dueBy(SECOND)).isEqualTo(11);
    }

    @Test
    void theScheduleDoesNotWaitForTheSender() {
        PacingSchedule schedule = new PacingSchedule(0, 1_000);

        // A sender that stalled for a second finds a thousand messages due, each with its own stamp.
        assertThat(schedule.dueBy(SECOND)).isEqualTo(1_001);
        assertThat(schedule.intendedNanos(500)).isEqualTo(SECOND / 2);
    }

    @Test
    void countsEventsInsideAWindow() {
        PacingSchedule schedule = new PacingSchedule(0, 100);

        assertThat(schedule.countWithin(new MeasurementWindow(SECOND, 3 * SECOND))).isEqualTo(200);
        assertThat(schedule.countWithin(new MeasurementWindow(-SECOND, 1))).isEqualTo(1);
    }

    @Test
    void firstIndexAgreesWithIntendedTimesForAwkwardRates() {
        PacingSchedule schedule = new PacingSchedule(-7, 3_333.3);

        for (long index = 0; index < 20_000; index++) {
            long intended = schedule.intendedNanos(index);
            assertThat(schedule.firstIndexAtOrAfter(intended)).isEqualTo(index);
            assertThat(schedule.firstIndexAtOrAfter(intended + 1)).isEqualTo(index + 1);
        }
    }

    @Test
    void worksAcrossTheNanoClockOverflow() {
        PacingSchedule schedule = new PacingSchedule(Long.MAX_VALUE - 10, 1_000);

        long later = schedule.intendedNanos(3);
        assertThat(later).isNegative(); // wrapped
        assertThat(schedule.dueBy(later)).isEqualTo(4);
    }

    @Test
    void staggeredStreamsStartAFractionOfTheIntervalApart() {
        PacingSchedule first = PacingSchedule.staggered(0, 100, 0, 4);
        PacingSchedule third = PacingSchedule.staggered(0, 100, 2, 4);

        assertThat(first.startNanos()).isZero();
        assertThat(third.startNanos()).isEqualTo(5_000_000); // half of 10 ms
        assertThatThrownBy(() -> PacingSchedule.staggered(0, 100, 4, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesRatesThatAreNotPositive() {
        assertThatThrownBy(() -> new PacingSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacingSchedule(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacingSchedule(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacingSchedule(0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
