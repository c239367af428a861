package io.thingbus.sim.bench.scenario;

import io.thingbus.sim.bench.report.Figure;
import io.thingbus.sim.bench.report.ScenarioResult;
import java.util.ArrayList;
import java.util.List;

/** Collects a scenario's figures, problems and notes as it goes, and makes the result. */
final class ScenarioResults {

    private final Scenario scenario;
    private final String target;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ScenarioResults(Scenario scenario, String target) {
        this.scenario = scenario;
        this.target = target;
    }

    ScenarioResults figures(List<Figure> measured) {
        figures.addAll(measured);
        return this;
    }

    ScenarioResults figure(Figure measured) {
        figures.add(measured);
        return this;
    }

    ScenarioResults problems(List<String> found) {
        problems.addAll(found);
        return this;
    }

    ScenarioResults problem(String found) {
        problems.add(found);
        return this;
    }

    ScenarioResults notes(List<String> found) {
        notes.addAll(found);
        return this;
    }

    ScenarioResults note(String found) {
        notes.add(found);
        return this;
    }

    ScenarioResult result() {
        return new ScenarioResult(scenario.name(), target, scenario.parameters(), figures, problems, notes);
    }
}
