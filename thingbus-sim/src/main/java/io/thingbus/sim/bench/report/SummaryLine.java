package io.thingbus.sim.bench.report;

import java.util.stream.Collectors;

/** The one-line summary a scenario prints when it ends. */
public final class SummaryLine {

    private SummaryLine() {
    }

    /** E.g. {@code fanin PASSED: throughput 49,870 msg/s, p99 3.41 ms | note: ...}. */
    public static String format(ScenarioResult result) {
        StringBuilder line = new StringBuilder()
                .append(result.scenario())
                .append(result.passed() ? " PASSED: " : " FAILED: ")
                .append(result.figures().stream()
                        .map(figure -> figure.name() + " " + Numbers.format(figure.value()) + " " + figure.unit())
                        .collect(Collectors.joining(", ")));
        result.problems().forEach(problem -> line.append(" | problem: ").append(problem));
        result.notes().forEach(note -> line.append(" | note: ").append(note));
        return line.toString();
    }
}
