package io.thingbus.sim.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private final Comparison comparison = new Comparison("thingbus", ResultFixtures.fanIn(120_000, 2.5, List.of()),
            "mosquitto", ResultFixtures.fanIn(80_000, 5, List.of()));

    @Test
    void ratioIsFirstOverSecond() {
        assertThat(comparison.rows()).extracting(Comparison.Row::name).containsExactly("throughput", "p99");
        assertThat(comparison.rows().get(0).ratio()).hasValue(1.5);
        assertThat(comparison.rows().get(1).ratio()).hasValue(0.5);
    }

    @Test
    void noRatioAgainstZero() {
        Comparison againstNothing = new Comparison("a", ResultFixtures.fanIn(5, 1, List.of()),
                "b", ResultFixtures.fanIn(0, 1, List.of()));

        assertThat(againstNothing.rows().get(0).ratio()).isEmpty();
        assertThat(againstNothing.format()).contains(" -  higher is better");
    }

    @Test
    void onlyFiguresBothRunsMeasuredAreCompared() {
        ScenarioResult withoutLatency = new ScenarioResult("fanin", "x", java.util.Map.of(),
                List.of(new Figure("throughput", 10, "msg/s", Figure.Better.HIGHER)), List.of(), List.of());

        assertThat(new Comparison("a", ResultFixtures.fanIn(1, 1, List.of()), "b", withoutLatency).rows())
                .extracting(Comparison.Row::name).containsExactly("throughput");
    }

    @Test
    void formatsATable() {
        assertThat(comparison.format()).isEqualTo("""
                fanin: thingbus vs mosquitto (ratio = thingbus / mosquitto)
                figure              thingbus  mosquitto  ratio
                throughput [msg/s]   120,000     80,000   1.50  higher is better
                p99 [ms]                2.50          5   0.50  lower is better
                thingbus: passed
                mosquitto: passed
                """);
    }

    @Test
    void saysWhichRunFailed() {
        Comparison withFailure = new Comparison("thingbus", ResultFixtures.fanIn(1, 1, List.of("3 connections dropped")),
                "mosquitto", ResultFixtures.fanIn(1, 1, List.of()));

        assertThat(withFailure.format()).contains("thingbus: FAILED; 3 connections dropped");
    }
}
