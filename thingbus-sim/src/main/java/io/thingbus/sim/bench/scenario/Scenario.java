package io.thingbus.sim.bench.scenario;

import io.thingbus.sim.bench.report.ScenarioResult;
import java.util.Map;

/** One kind of load, set up by its command and run against a broker. */
public interface Scenario {

    /** The command name, also the result's scenario name ("fanin"). */
    String name();

    /** The scenario's settings, for the result record. */
    Map<String, String> parameters();

    /** Runs the scenario to its end (bounded in time) and reports. */
    ScenarioResult run(ScenarioEnvironment environment);
}
