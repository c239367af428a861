package io.thingbus.http.internal.devices;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.routing.JsonMembers;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.DeviceStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/devices}: register, read, list (filtered, paged), change and remove devices. Keys show
 * only to operators and admins (see {@link DeviceView}).
 */
public final class DeviceEndpoints {

    private static final Set<String> PATCH_MEMBERS = Set.of("status", "tags", "parentId");

    private final DeviceRegistry registry;
    private final DeviceView view;

    public DeviceEndpoints(DeviceRegistry registry, String hostname) {
        this.registry = registry;
        this.view = new DeviceView(hostname);
    }

    /** {@code POST /api/v1/devices}: 201 with Location and the device, keys and connection string included. */
    public Response create(Request request) {
        DeviceSpec spec = DeviceSpec.fromJson(request.jsonObject());
        Device device = registry.create(spec.deviceId(), spec.tags(), spec.parentId(), -1);
        return Response.json(HttpResponseStatus.CREATED, view.render(device, request.principal()))
                .withHeader("Location", DeviceView.location(device.id()));
    }

    /** {@code GET /api/v1/devices/{id}}. */
    public Response show(Request request) {
        return Response.ok(view.render(registry.require(request.pathParameter("id")), request.principal()));
    }

    /**
     * {@code GET /api/v1/devices}: {@code {"items": [...], "nextCursor": "..."}}, in id order; nextCursor
     * only when more devices match. Filters are applied while reading the registry in id order, so a
     * filter few devices match reads many to fill a page.
     */
    public Response list(Request request) {
        DeviceListQuery query = DeviceListQuery.parse(request.query());
        List<Device> matches = new ArrayList<>();
        String after = query.afterId();
        int read = query.limit() + 1;
        while (matches.size() <= query.limit()) {
            List<Device> page = registry.list(after, read);
            for (Device device : page) {
                if (query.matches(device) && matches.size() <= query.limit()) {
                    matches.add(device);
                }
            }
            if (page.size() < read) {
                break;
            }
            after = page.getLast().id();
        }
        boolean more = matches.size() > query.limit();
        List<Device> shown = more ? matches.subList(0, query.limit()) : matches;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", shown.stream().map(device -> view.render(device, request.principal())).toList());
        if (more) {
            answer.put("nextCursor", DeviceListQuery.cursorAfter(shown.getLast().id()));
        }
        return Response.ok(answer);
    }

    /**
     * {@code PATCH /api/v1/devices/{id}} with any of {@code status}, {@code tags} (replacing them all) and
     * {@code parentId} (null: none): 200 with the device. Everything is checked before anything changes.
     */
    public Response update(Request request) {
        String id = request.pathParameter("id");
        JsonMembers members = JsonMembers.of(request.jsonObject(), PATCH_MEMBERS);
        if (!members.has("status") && !members.has("tags") && !members.has("parentId")) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "nothing to change: give status, tags or parentId");
        }
        DeviceStatus status = members.has("status") ? parseStatus(members.requiredText("status")) : null;
        Map<String, String> tags = null;
        if (members.has("tags")) {
            JsonNode given = members.optionalObject("tags");
            if (given == null) {
                throw new ThingbusException(ErrorCode.BAD_REQUEST, "'tags' must be an object; {} removes every tag");
            }
            tags = DeviceTags.fromJson(given);
        }
        registry.require(id);
        if (members.has("parentId")) {
            registry.setParent(id, members.optionalText("parentId"));
        }
        if (tags != null) {
            registry.setTags(id, tags);
        }
        Device device = status != null ? registry.setStatus(id, status) : registry.require(id);
        return Response.ok(view.render(device, request.principal()));
    }

    /** {@code DELETE /api/v1/devices/{id}}: 204; its connections are closed. */
    public Response delete(Request request) {
        registry.delete(request.pathParameter("id"));
        return Response.noContent();
    }

    private static DeviceStatus parseStatus(String status) {
        try {
            return DeviceStatus.fromWireName(status);
        } catch (IllegalArgumentException invalid) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, invalid.getMessage());
        }
    }
}
