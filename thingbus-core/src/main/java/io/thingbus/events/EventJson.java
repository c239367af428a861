package io.thingbus.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingbus.messaging.UserProperty;
import io.thingbus.telemetry.TelemetryRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * An event as every API returns it:
 * <pre>
 * {"deviceId": "...", "enqueuedTime": "2026-01-01T00:00:00.123Z", "partition": 3, "offset": 1042,
 *  "properties": {"name": "value", "repeated": ["first", "second"]},
 *  "contentType": "application/json", "payload": {...}}
 * </pre>
 * The payload is embedded as JSON when the content type is JSON ({@code application/json} or
 * {@code +json}, parameters ignored) and it parses; otherwise it is base64 text and
 * {@code "payloadEncoding": "base64"} says so. A property name sent more than once has its values
 * as an array, in the order sent. {@code contentType} is left out when the device declared none.
 */
public final class EventJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventJson() {
    }

    public static ObjectNode toJson(TelemetryRecord record) {
        ObjectNode event = NODES.objectNode();
        event.put("deviceId", record.deviceId());
        event.put("enqueuedTime", Instant.ofEpochMilli(record.enqueuedTime()).toString());
        event.put("partition", record.partition());
        event.put("offset", record.offset());
        ObjectNode properties = event.putObject("properties");
        for (UserProperty property : record.properties()) {
            JsonNode previous = properties.get(property.name());
            if (previous == null) {
                properties.put(property.name(), property.value());
            } else if (previous instanceof ArrayNode values) {
                values.add(property.value());
            } else {
                properties.putArray(property.name()).add(previous).add(property.value());
            }
        }
        if (record.contentType() != null) {
            event.put("contentType", record.contentType());
        }
        JsonNode payload = isJson(record.contentType()) ? parse(record.payload()) : null;
        if (payload != null) {
            event.set("payload", payload);
        } else {
            event.put("payload", Base64.getEncoder().encodeToString(record.payload()));
            event.put("payloadEncoding", "base64");
        }
        return event;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static JsonNode parse(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }
}
