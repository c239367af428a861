package io.thingbus.sim.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Two results of the same scenario side by side, with the ratio first / second per figure that
 * both measured.
 */
public record Comparison(String firstLabel, ScenarioResult first, String secondLabel, ScenarioResult second) {

    /** One figure of both runs. */
    public record Row(String name, String unit, double first, double second, Figure.Better better) {

        /** first / second, empty when second is zero. */
        public OptionalDouble ratio() {
            return second == 0 ? OptionalDouble.empty() : OptionalDouble.of(first / second);
        }
    }

    /** The figures both runs measured, in the first run's order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Figure mine : first.figures()) {
            Optional<Figure> theirs = second.figure(mine.name());
            theirs.ifPresent(other -> rows.add(
                    new Row(mine.name(), mine.unit(), mine.value(), other.value(), mine.better())));
        }
        return rows;
    }

    /** A table for the terminal. */
    public String format() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"figure", firstLabel, secondLabel, "ratio", ""});
        for (Row row : rows()) {
            cells.add(new String[] {
                row.name() + " [" + row.unit() + "]",
                Numbers.format(row.first()),
                Numbers.format(row.second()),
                row.ratio().isPresent() ? String.format(Locale.ROOT, "%.2f", row.ratio().getAsDouble()) : "-",
                switch (row.better()) {
                    case HIGHER -> "higher is better";
                    case LOWER -> "lower is better";
                    case NEITHER -> "";
                }
            });
        }
        int[] widths = new int[5];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder table = new StringBuilder()
                .append(first.scenario()).append(": ").append(firstLabel).append(" vs ").append(secondLabel)
                .append(" (ratio = ").append(firstLabel).append(" / ").append(secondLabel).append(")\n");
        for (String[] line : cells) {
            table.append(String.format(Locale.ROOT, "%-" + widths[0] + "s  %" + widths[1] + "s  %" + widths[2]
                    + "s  %" + widths[3] + "s  %s", (Object[]) line).stripTrailing()).append('\n');
        }
        appendStatus(table, firstLabel, first);
        appendStatus(table, secondLabel, second);
        return table.toString();
    }

    private static void appendStatus(StringBuilder table, String label, ScenarioResult result) {
        table.append(label).append(": ").append(result.passed() ? "passed" : "FAILED");
        result.problems().forEach(problem -> table.append("; ").append(problem));
        table.append('\n');
    }
}
