package io.thingbus.http.internal.devices;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules for a device's tags, as the API takes them: at most {@value #MAX_TAGS} tags, each name 1 to
 * 64 of {@code A-Z a-z 0-9 _ . -} (so {@code name:value} in a query and {@code name=value;...} in a CSV
 * file stay unambiguous), each value at most {@value #MAX_VALUE_LENGTH} characters. In JSON a value may
 * be a string, a number or a boolean, stored as its text ({@code 3}, {@code true}).
 */
public final class DeviceTags {

    static final int MAX_TAGS = 64;
    static final int MAX_VALUE_LENGTH = 256;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private DeviceTags() {
    }

    /** The tags of a JSON object such as {@code {"floor": 3, "zone": "N3"}}. */
    public static Map<String, String> fromJson(JsonNode tags) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> tag : tags.properties()) {
            JsonNode value = tag.getValue();
            if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
                throw new ThingbusException(ErrorCode.BAD_REQUEST, "tag '" + tag.getKey()
                        + "' must be a string, a number or a boolean");
            }
            values.put(tag.getKey(), value.asText());
        }
        return validated(values);
    }

    /** {@code tags}, once every name and value is checked. */
    static Map<String, String> validated(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "a device has at most " + MAX_TAGS + " tags, not "
                    + tags.size());
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            requireValidName(tag.getKey());
            if (tag.getValue().length() > MAX_VALUE_LENGTH) {
                throw new ThingbusException(ErrorCode.BAD_REQUEST, "the value of tag '" + tag.getKey()
                        + "' is longer than " + MAX_VALUE_LENGTH + " characters");
            }
        }
        return tags;
    }

    static String requireValidName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "a tag name is 1 to 64 of A-Z a-z 0-9 _ . -, was '"
                    + name + "'");
        }
        return name;
    }
}
