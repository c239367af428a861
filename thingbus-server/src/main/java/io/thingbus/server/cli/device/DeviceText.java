package io.thingbus.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.server.cli.client.KeyValueBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A device of the API, for people: a {@code key: value} block, and its tags on one line. */
final class DeviceText {

    private DeviceText() {
    }

    /** Every member the API gave, keys and connection string included when it gave them. */
    static KeyValueBlock block(JsonNode device) {
        return new KeyValueBlock()
                .put("deviceId", device.path("deviceId").asText())
                .put("status", device.path("status").asText())
                .put("parentId", text(device.get("parentId")))
                .put("partition", device.path("partition").asText())
                .put("tags", tags(device.path("tags")))
                .put("created", device.path("created").asText())
                .put("updated", device.path("updated").asText())
                .put("x509 primary", text(device.at("/x509Thumbprints/primary")))
                .put("x509 secondary", text(device.at("/x509Thumbprints/secondary")))
                .put("primaryKey", text(device.get("primaryKey")))
                .put("secondaryKey", text(device.get("secondaryKey")))
                .put("connectionString", text(device.get("connectionString")));
    }

    /** {@code name=value, name=value}, or empty. */
    static String tags(JsonNode tags) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> tag : tags.properties()) {
            pairs.add(tag.getKey() + "=" + tag.getValue().asText());
        }
        return String.join(", ", pairs);
    }

    /** The text of a member, or null when it is absent or JSON null. */
    static String text(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
    }
}
