package io.thingbus.server.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.server.cli.client.KeyValueBlock;
import io.thingbus.server.cli.client.TagArguments;

/** A device of the API, for people: a {@code key: value} block. */
final class DeviceText {

    private DeviceText() {
    }

    /** Every member the API gave, keys and connection string included when it gave them. */
    static KeyValueBlock block(JsonNode device) {
        return new KeyValueBlock()
                .put("deviceId", device.path("deviceId").asText())
                .put("status", device.path("status").asText())
                .put("parentId", device.get("parentId"))
                .put("partition", device.path("partition").asText())
                .put("tags", TagArguments.format(device.path("tags")))
                .put("created", device.path("created").asText())
                .put("updated", device.path("updated").asText())
                .put("x509 primary", device.at("/x509Thumbprints/primary"))
                .put("x509 secondary", device.at("/x509Thumbprints/secondary"))
                .put("primaryKey", device.get("primaryKey"))
                .put("secondaryKey", device.get("secondaryKey"))
                .put("connectionString", device.get("connectionString"));
    }
}
