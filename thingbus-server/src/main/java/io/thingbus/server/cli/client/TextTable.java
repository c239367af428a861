package io.thingbus.server.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows printed in aligned columns under an upper-case header, two spaces apart; the last column unpadded.
 * A table may be printed in parts as it grows ({@code --follow}): each {@link #print} prints the rows
 * added since the last one.
 */
public final class TextTable {

    private final List<String> header;
    /** Rows not printed yet. */
    private final List<List<String>> rows = new ArrayList<>();
    /** Column widths so far: they only widen, so the parts of a table stay aligned where they can. */
    private final int[] widths;
    private boolean headerPrinted;

    public TextTable(String... header) {
        this.header = List.of(header);
        this.widths = new int[header.length];
    }

    /** The text of a member of an API answer, for a cell or a {@link KeyValueBlock}: null when absent or JSON null. */
    public static String cell(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    /** Adds a row; a null cell prints as {@code -}. */
    public TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + header.size() + " cells, not " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (String cell : cells) {
            row.add(cell == null || cell.isEmpty() ? "-" : cell);
        }
        rows.add(row);
        return this;
    }

    /** Prints the header (the first time) and the rows added since the last call, which it then forgets. */
    public void print(PrintWriter out) {
        widen(header);
        rows.forEach(this::widen);
        if (!headerPrinted) {
            line(out, header);
            headerPrinted = true;
        }
        rows.forEach(row -> line(out, row));
        rows.clear();
        out.flush();
    }

    private void widen(List<String> cells) {
        for (int column = 0; column < widths.length; column++) {
            widths[column] = Math.max(widths[column], cells.get(column).length());
        }
    }

    private void line(PrintWriter out, List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            line.append(cell);
            if (column < cells.size() - 1) {
                line.append(" ".repeat(widths[column] - cell.length() + 2));
            }
        }
        out.println(line);
    }
}
