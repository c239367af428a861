package io.thingbus.sim.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What readying a run measured before its scenario started (signing device tokens, registering
 * devices), added to the scenario's result by {@link ScenarioResult#withSetup}.
 *
 * @param parameters settings of the setup, for the record
 * @param figures its measurements, reported after the scenario's
 * @param problems why the setup failed; the scenario does not run then
 */
public record SetupReport(Map<String, String> parameters, List<Figure> figures, List<String> problems) {

    /** Nothing was set up: generic mode. */
    public static final SetupReport NONE = new SetupReport(Map.of(), List.of(), List.of());

    public SetupReport {
        parameters = new LinkedHashMap<>(parameters);
        figures = List.copyOf(figures);
        problems = List.copyOf(problems);
    }

    /** Whether the scenario may run. */
    public boolean passed() {
        return problems.isEmpty();
    }
}
