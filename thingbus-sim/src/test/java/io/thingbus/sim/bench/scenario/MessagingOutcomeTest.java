package io.thingbus.sim.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.sim.bench.load.MeasurementWindow;
import io.thingbus.sim.bench.report.Figure;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class MessagingOutcomeTest {

    private static final MeasurementWindow TEN_SECONDS = new MeasurementWindow(0, 10_000_000_000L);

    @Test
    void figuresAreRatesOverTheWindowThenLatencyInMilliseconds() {
        Histogram latency = new Histogram(3);
        latency.recordValue(2_000_000);
        MessagingOutcome outcome = new MessagingOutcome(TEN_SECONDS, 1_000, 1_000, OptionalLong.empty(), 2_000, 2_000, 2, latency, 0, 0);

        assertThat(outcome.figures("deliveries", "deliveries/s"))
                .extracting(Figure::name)
                .containsExactly("deliveries", "offered", "published", "delivered", "p50", "p90", "p99", "p99.9", "max");
        assertThat(outcome.figures("deliveries", "deliveries/s"))
                .extracting(Figure::value)
                .startsWith(200.0, 100.0, 100.0, 100.0)
                .last().satisfies(max -> assertThat(max).isBetween(1.99, 2.01));
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.notes()).isEmpty();
    }

    @Test
    void qos1And2ReportTheAcknowledgedRateAfterThePublishedOne() {
        MessagingOutcome outcome = new MessagingOutcome(TEN_SECONDS, 1_000, 1_000, OptionalLong.of(950), 1_000,
                1_000, 1, new Histogram(3), 0, 0);

        assertThat(outcome.figures("throughput", "msg/s")).extracting(Figure::name)
                .containsExactly("throughput", "offered", "published", "acked", "delivered");
        assertThat(outcome.figures("throughput", "msg/s")).filteredOn(figure -> figure.name().equals("acked"))
                .singleElement().satisfies(acked -> assertThat(acked.value()).isEqualTo(95.0));
    }

    @Test
    void noLatencyFiguresWithoutMeasuredMessages() {
        MessagingOutcome outcome = new MessagingOutcome(TEN_SECONDS, 10, 0, OptionalLong.empty(), 0, 0, 1, new Histogram(3), 0, 0);

        assertThat(outcome.figures("throughput", "msg/s")).extracting(Figure::name)
                .containsExactly("throughput", "offered", "published");
        assertThat(outcome.problems()).containsExactly("no message sent in the measurement window was delivered");
    }

    @Test
    void shortfallsAreNotedAndDroppedConnectionsFailTheRun() {
        Histogram latency = new Histogram(3);
        latency.recordValue(1);
        MessagingOutcome outcome = new MessagingOutcome(TEN_SECONDS, 1_000, 900, OptionalLong.of(880), 850, 850, 1, latency, 2, 3);

        assertThat(outcome.notes()).hasSize(3).anySatisfy(note -> assertThat(note).startsWith("100 of 1,000 scheduled"))
                .anySatisfy(note -> assertThat(note).startsWith("3 deliveries carried no bench stamp"))
                .anySatisfy(note -> assertThat(note).startsWith("50 of 900 expected deliveries"));
        assertThat(outcome.problems()).containsExactly("2 connections were closed by the broker during the run");
    }
}
