package io.thingbus.sim.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryLineTest {

    @Test
    void aPassedRunListsItsFigures() {
        assertThat(SummaryLine.format(ResultFixtures.fanIn(49_870.2, 3.412, List.of())))
                .isEqualTo("fanin PASSED: throughput 49,870 msg/s, p99 3.41 ms");
    }

    @Test
    void aFailedRunSaysWhy() {
        ScenarioResult failed = ResultFixtures.fanIn(0, 0, List.of("no message was delivered"));

        assertThat(SummaryLine.format(failed)).startsWith("fanin FAILED: ").endsWith("| problem: no message was delivered");
    }
}
