package io.thingbus.server.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code key: value} lines with the values aligned, in the order they were added; null values are left out. */
public final class KeyValueBlock {

    private final Map<String, String> lines = new LinkedHashMap<>();

    public KeyValueBlock put(String key, String value) {
        if (value != null) {
            lines.put(key, value);
        }
        return this;
    }

    /** A member of an API answer: its text, left out when it is absent or JSON null. */
    public KeyValueBlock put(String key, JsonNode value) {
        return put(key, TextTable.cell(value));
    }

    public void print(PrintWriter out) {
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, String> line : lines.entrySet()) {
            out.println(line.getKey() + ":" + " ".repeat(width - line.getKey().length() + 1) + line.getValue());
        }
        out.flush();
    }
}
