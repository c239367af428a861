package io.thingbus.server.cli.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows printed in aligned columns under an upper-case header, two spaces apart; the last column unpadded. */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = List.of(header);
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

    public void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = header.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        line(out, header, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        out.flush();
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
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
