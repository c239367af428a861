package io.thingbus.sim.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioResultTest {

    private static final SetupReport REGISTERED = new SetupReport(Map.of("identity", "device SAS"),
            List.of(new Figure("setup-time", 2.5, "s", Figure.Better.LOWER)), List.of());

    @Test
    void theSetupsFiguresAndParametersFollowTheScenarios() {
        ScenarioResult result = ResultFixtures.fanIn(50_000, 3.2, List.of()).withSetup(REGISTERED);

        assertThat(result.figures()).extracting(Figure::name).containsExactly("throughput", "p99", "setup-time");
        assertThat(result.parameters()).containsKeys("publishers", "qos", "identity");
        assertThat(result.passed()).isTrue();
    }

    @Test
    void aFailedSetupFailsTheResult() {
        SetupReport failed = new SetupReport(Map.of(), List.of(), List.of("3 of 3 devices could not be registered"));

        ScenarioResult result = ResultFixtures.fanIn(0, 0, List.of()).withSetup(failed);

        assertThat(result.passed()).isFalse();
        assertThat(result.problems()).containsExactly("3 of 3 devices could not be registered");
        assertThat(ResultFixtures.fanIn(1, 1, List.of()).withSetup(SetupReport.NONE))
                .isEqualTo(ResultFixtures.fanIn(1, 1, List.of()));
    }
}
