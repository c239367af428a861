package io.thingbus.http.internal.devices;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.routing.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bulk import in NDJSON ({@code application/x-ndjson}): one create body per line, as
 * {@code POST /api/v1/devices} takes it. Blank lines are skipped.
 */
final class NdjsonDeviceLines {

    private NdjsonDeviceLines() {
    }

    static List<ImportLine> parse(String text) {
        List<ImportLine> lines = new ArrayList<>();
        List<String> rows = text.lines().toList();
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isBlank()) {
                lines.add(line(i + 1, rows.get(i)));
            }
        }
        return lines;
    }

    private static ImportLine line(int line, String text) {
        JsonNode body = null;
        try {
            body = Json.read(text.getBytes(StandardCharsets.UTF_8));
            return new ImportLine.Parsed(line, DeviceSpec.fromJson(body));
        } catch (ThingbusException invalid) {
            JsonNode deviceId = body == null ? null : body.get("deviceId");
            return new ImportLine.Unreadable(line, deviceId != null && deviceId.isTextual() ? deviceId.asText() : null,
                    invalid.code(), invalid.detail());
        }
    }
}
