package io.thingbus.server.cli.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.server.cli.client.KeyValueBlock;
import io.thingbus.server.cli.client.TagArguments;
import io.thingbus.server.cli.client.TextTable;

/** Enrollments of the API, for people: a {@code key: value} block, and a table of both kinds. */
final class EnrollmentText {

    /** What an enrollment without an allocation policy of its own uses. */
    private static final String HUB_DEFAULT = "default";

    private EnrollmentText() {
    }

    /** Every member the API gave (an individual enrollment's or a group's), keys included when it gave them. */
    static KeyValueBlock block(JsonNode enrollment) {
        return new KeyValueBlock()
                .put("registrationId", enrollment.get("registrationId"))
                .put("groupId", enrollment.get("groupId"))
                .put("deviceId", enrollment.get("deviceId"))
                .put("parentId", enrollment.get("parentId"))
                .put("status", enrollment.path("status").asText())
                .put("allowReprovisioning", enrollment.path("allowReprovisioning").asText())
                .put("allocationPolicy", enrollment.path("allocationPolicy").asText(HUB_DEFAULT))
                .put("tags", TagArguments.format(enrollment.path("tags")))
                .put("created", enrollment.path("created").asText())
                .put("updated", enrollment.path("updated").asText())
                .put("primaryKey", enrollment.get("primaryKey"))
                .put("secondaryKey", enrollment.get("secondaryKey"));
    }

    /** The table {@code enrollment list} prints. */
    static TextTable table() {
        return new TextTable("KIND", "ID", "DEVICE ID", "PARENT", "STATUS", "REPROVISIONING", "ALLOCATION", "TAGS");
    }

    /** A row of {@link #table()}. */
    static void row(TextTable table, String kind, JsonNode enrollment) {
        String id = enrollment.has("groupId") ? enrollment.get("groupId").asText() : enrollment.path("registrationId").asText();
        table.row(kind, id, TextTable.cell(enrollment.get("deviceId")), TextTable.cell(enrollment.get("parentId")),
                enrollment.path("status").asText(), enrollment.path("allowReprovisioning").asBoolean() ? "allowed" : "no",
                enrollment.path("allocationPolicy").asText(HUB_DEFAULT), TagArguments.format(enrollment.path("tags")));
    }
}
