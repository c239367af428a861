package io.thingbus.http.internal.devices;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query of {@code GET /api/v1/devices}: {@code limit} (1 to {@value #MAX_LIMIT}, default
 * {@value #DEFAULT_LIMIT}), {@code cursor} (from the previous page's {@code nextCursor}), and the filters
 * {@code status}, {@code parentId} and {@code tag=name:value} (repeatable; a device must have every one).
 * Unknown parameters and bad values are {@code BAD_REQUEST}.
 *
 * <p>A cursor is the last id of the page before, base64url-encoded: opaque to clients, stable while
 * devices come and go (the next page starts after that id whether or not it still exists).
 *
 * @param afterId the id after which the page starts, or null for the first page
 * @param tags    name and value pairs a device must all have
 */
record DeviceListQuery(int limit, String afterId, DeviceStatus status, String parentId,
                       List<Map.Entry<String, String>> tags) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> PARAMETERS = Set.of("limit", "cursor", "status", "parentId", "tag");

    DeviceListQuery {
        tags = List.copyOf(tags);
    }

    static DeviceListQuery parse(Map<String, List<String>> query) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!PARAMETERS.contains(parameter.getKey())) {
                throw badRequest("unknown query parameter '" + parameter.getKey()
                        + "' (expected limit, cursor, status, parentId, tag)");
            }
            if (!parameter.getKey().equals("tag") && parameter.getValue().size() > 1) {
                throw badRequest("'" + parameter.getKey() + "' may be given once");
            }
        }
        String limit = single(query, "limit");
        String cursor = single(query, "cursor");
        String status = single(query, "status");
        String parentId = single(query, "parentId");
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        for (String tag : query.getOrDefault("tag", List.of())) {
            int colon = tag.indexOf(':');
            if (colon < 0) {
                throw badRequest("a tag filter is tag=name:value, was '" + tag + "'");
            }
            tags.add(Map.entry(DeviceTags.requireValidName(tag.substring(0, colon)), tag.substring(colon + 1)));
        }
        return new DeviceListQuery(limit == null ? DEFAULT_LIMIT : parseLimit(limit),
                cursor == null ? null : afterIdOf(cursor),
                status == null ? null : parseStatus(status),
                parentId == null ? null : validId(parentId, "parentId"),
                tags);
    }

    boolean matches(Device device) {
        if (status != null && device.status() != status) {
            return false;
        }
        if (parentId != null && !parentId.equals(device.parentId())) {
            return false;
        }
        for (Map.Entry<String, String> tag : tags) {
            if (!tag.getValue().equals(device.tags().get(tag.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The cursor of the page that starts after {@code deviceId}. */
    static String cursorAfter(String deviceId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(deviceId.getBytes(StandardCharsets.UTF_8));
    }

    private static String afterIdOf(String cursor) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return Device.requireValidId(id);
        } catch (IllegalArgumentException notOurs) {
            throw badRequest("'cursor' is not one this API gave out; use the nextCursor of the previous page");
        }
    }

    private static int parseLimit(String limit) {
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException notNumber) {
            // answered below
        }
        throw badRequest("'limit' must be an integer from 1 to " + MAX_LIMIT + ", was '" + limit + "'");
    }

    private static DeviceStatus parseStatus(String status) {
        try {
            return DeviceStatus.fromWireName(status);
        } catch (IllegalArgumentException invalid) {
            throw badRequest(invalid.getMessage());
        }
    }

    private static String validId(String id, String parameter) {
        try {
            return Device.requireValidId(id);
        } catch (IllegalArgumentException invalid) {
            throw badRequest("'" + parameter + "': " + invalid.getMessage());
        }
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null ? null : values.getFirst();
    }

    private static ThingbusException badRequest(String detail) {
        return new ThingbusException(ErrorCode.BAD_REQUEST, detail);
    }
}
