package io.thingbus.sim.bench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The outcome of one scenario run, as printed and as written with {@code --json}.
 *
 * @param scenario the scenario's command name ("fanin")
 * @param target what was measured ("mqtt://127.0.0.1:1883 MQTT 5")
 * @param parameters the settings of the run, for the record
 * @param figures the measurements, in report order
 * @param problems why the run failed; empty when it passed
 * @param notes things worth knowing that do not fail the run
 */
public record ScenarioResult(String scenario, String target, Map<String, String> parameters,
        List<Figure> figures, List<String> problems, List<String> notes) {

    public ScenarioResult {
        parameters = new LinkedHashMap<>(parameters);
        figures = List.copyOf(figures);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** Whether the run met its own success criteria (no problems). */
    @JsonProperty("passed")
    public boolean passed() {
        return problems.isEmpty();
    }

    /** This result with the setup's parameters, figures and problems after its own. */
    public ScenarioResult withSetup(SetupReport setup) {
        Map<String, String> allParameters = new LinkedHashMap<>(parameters);
        allParameters.putAll(setup.parameters());
        return new ScenarioResult(scenario, target, allParameters, concat(figures, setup.figures()),
                concat(problems, setup.problems()), notes);
    }

    /** The figure called {@code name}, if measured. */
    public Optional<Figure> figure(String name) {
        return figures.stream().filter(figure -> figure.name().equals(name)).findFirst();
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
