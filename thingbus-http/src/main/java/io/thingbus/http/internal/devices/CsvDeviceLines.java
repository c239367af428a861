package io.thingbus.http.internal.devices;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bulk import in CSV ({@code text/csv}): a header row, then one device per row. Columns, in any order:
 * {@code deviceId} (required), {@code parentId}, {@code tags} ({@code name=value;name=value}) and any
 * number of {@code tag.NAME} (the tag NAME; an empty cell sets nothing). Fields may be double-quoted, with
 * {@code ""} for a quote inside; a quoted field cannot span lines. Cells are trimmed; blank rows are skipped.
 * A bad header refuses the whole import; a bad row is that row's failure.
 */
final class CsvDeviceLines {

    private static final String DEVICE_ID = "deviceId";
    private static final String PARENT_ID = "parentId";
    private static final String TAGS = "tags";
    private static final String TAG_PREFIX = "tag.";

    private CsvDeviceLines() {
    }

    static List<ImportLine> parse(String text) {
        List<String> rows = text.lines().toList();
        int headerIndex = 0;
        while (headerIndex < rows.size() && rows.get(headerIndex).isBlank()) {
            headerIndex++;
        }
        if (headerIndex == rows.size()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "the CSV has no header row (deviceId,parentId,tags)");
        }
        List<String> columns;
        try {
            columns = fields(rows.get(headerIndex));
        } catch (IllegalArgumentException malformed) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "CSV header: " + malformed.getMessage());
        }
        checkHeader(columns);
        List<ImportLine> lines = new ArrayList<>();
        for (int i = headerIndex + 1; i < rows.size(); i++) {
            if (!rows.get(i).isBlank()) {
                lines.add(row(i + 1, rows.get(i), columns));
            }
        }
        return lines;
    }

    private static void checkHeader(List<String> columns) {
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            boolean known = column.equals(DEVICE_ID) || column.equals(PARENT_ID) || column.equals(TAGS)
                    || column.startsWith(TAG_PREFIX);
            if (!known) {
                throw new ThingbusException(ErrorCode.BAD_REQUEST, "unknown CSV column '" + column
                        + "' (expected deviceId, parentId, tags, tag.NAME)");
            }
            if (column.startsWith(TAG_PREFIX)) {
                DeviceTags.requireValidName(column.substring(TAG_PREFIX.length()));
            }
            if (columns.indexOf(column) != i) {
                throw new ThingbusException(ErrorCode.BAD_REQUEST, "CSV column '" + column + "' appears twice");
            }
        }
        if (!columns.contains(DEVICE_ID)) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "the CSV header has no deviceId column");
        }
    }

    private static ImportLine row(int line, String text, List<String> columns) {
        List<String> cells;
        try {
            cells = fields(text);
        } catch (IllegalArgumentException malformed) {
            return new ImportLine.Unreadable(line, null, ErrorCode.BAD_REQUEST, malformed.getMessage());
        }
        Map<String, String> byColumn = new HashMap<>();
        for (int i = 0; i < Math.min(cells.size(), columns.size()); i++) {
            byColumn.put(columns.get(i), cells.get(i));
        }
        String deviceId = byColumn.get(DEVICE_ID);
        if (cells.size() != columns.size()) {
            return new ImportLine.Unreadable(line, deviceId, ErrorCode.BAD_REQUEST, "the row has " + cells.size()
                    + " fields, the header " + columns.size());
        }
        try {
            String parentId = byColumn.getOrDefault(PARENT_ID, "");
            return new ImportLine.Parsed(line, new DeviceSpec(deviceId, tags(columns, byColumn),
                    parentId.isEmpty() ? null : parentId));
        } catch (ThingbusException invalid) {
            return new ImportLine.Unreadable(line, deviceId, invalid.code(), invalid.detail());
        }
    }

    private static Map<String, String> tags(List<String> columns, Map<String, String> byColumn) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String entry : byColumn.getOrDefault(TAGS, "").split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new ThingbusException(ErrorCode.BAD_REQUEST, "a tags cell is name=value;name=value, found '"
                        + entry.strip() + "'");
            }
            put(tags, entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
        }
        for (String column : columns) {
            String value = byColumn.get(column);
            if (column.startsWith(TAG_PREFIX) && !value.isEmpty()) {
                put(tags, column.substring(TAG_PREFIX.length()), value);
            }
        }
        return tags;
    }

    private static void put(Map<String, String> tags, String name, String value) {
        if (tags.put(DeviceTags.requireValidName(name), value) != null) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "tag '" + name + "' is given twice");
        }
    }

    /** The trimmed fields of one CSV line (RFC 4180 quoting, within the line). */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '"') {
                i = quoted(line, i + 1, field);
                while (i < line.length() && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("text after a closing quote at column " + (i + 1));
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? line.length() : comma;
                field.append(line, i, end);
                i = end;
            }
            fields.add(field.toString().strip());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++;
        }
    }

    /** Appends a quoted field's content from {@code start} (after the opening quote); the index after the closing quote. */
    private static int quoted(String line, int start, StringBuilder field) {
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            field.append(c);
            i++;
        }
        throw new IllegalArgumentException("a quoted field is not closed on its line");
    }
}
