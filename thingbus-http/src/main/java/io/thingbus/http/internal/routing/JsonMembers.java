package io.thingbus.http.internal.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members of a JSON object body, checked against the ones an endpoint takes: an unknown member is
 * {@link ErrorCode#BAD_REQUEST} naming it (a typo must not be ignored silently), and each accessor
 * refuses a member of the wrong type. JSON {@code null} counts as absent, except for {@link #isNull}.
 */
public final class JsonMembers {

    private final JsonNode object;

    private JsonMembers(JsonNode object) {
        this.object = object;
    }

    /** @throws ThingbusException BAD_REQUEST when {@code object} is not an object or has a member not in {@code allowed} */
    public static JsonMembers of(JsonNode object, Set<String> allowed) {
        if (!object.isObject()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "expected a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ThingbusException(ErrorCode.BAD_REQUEST, "unknown member '" + name + "' (expected "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return new JsonMembers(object);
    }

    /** Whether the member is present (JSON null included). */
    public boolean has(String name) {
        return object.has(name);
    }

    /** Whether the member is present and JSON null. */
    public boolean isNull(String name) {
        return object.has(name) && object.get(name).isNull();
    }

    /** A string member that must be there. */
    public String requiredText(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "'" + name + "' is required and must be a string");
        }
        return value;
    }

    /** A string member, or null when absent or null. */
    public String optionalText(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "'" + name + "' must be a string");
        }
        return value.asText();
    }

    /** An integer member, or {@code fallback} when absent or null. */
    public long optionalLong(String name, long fallback) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "'" + name + "' must be an integer");
        }
        return value.asLong();
    }

    /** An object member, or null when absent or null. */
    public JsonNode optionalObject(String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "'" + name + "' must be an object");
        }
        return value;
    }
}
