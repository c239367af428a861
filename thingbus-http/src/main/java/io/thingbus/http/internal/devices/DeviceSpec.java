package io.thingbus.http.internal.devices;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.http.internal.routing.JsonMembers;
import java.util.Map;
import java.util.Set;

/**
 * What a new device is made of, as {@code POST /api/v1/devices} and each bulk import line give it:
 * {@code {"deviceId": "...", "tags": {...}, "parentId": "..."}}, tags and parent optional. The id and
 * the parent are checked by the registry when it creates the device.
 *
 * @param deviceId the id asked for
 * @param tags     validated tags, possibly empty
 * @param parentId the gateway, or null
 */
record DeviceSpec(String deviceId, Map<String, String> tags, String parentId) {

    private static final Set<String> MEMBERS = Set.of("deviceId", "tags", "parentId");

    DeviceSpec {
        tags = Map.copyOf(DeviceTags.validated(tags));
    }

    /** Reads a create body; {@code BAD_REQUEST} for unknown members, wrong types and bad tags. */
    static DeviceSpec fromJson(JsonNode body) {
        JsonMembers members = JsonMembers.of(body, MEMBERS);
        String deviceId = members.requiredText("deviceId");
        JsonNode tags = members.optionalObject("tags");
        return new DeviceSpec(deviceId, tags == null ? Map.of() : DeviceTags.fromJson(tags),
                members.optionalText("parentId"));
    }
}
