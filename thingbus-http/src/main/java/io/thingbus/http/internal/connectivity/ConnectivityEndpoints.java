package io.thingbus.http.internal.connectivity;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.registry.ConnectivityEvent;
import io.thingbus.registry.ConnectivityTracker;
import io.thingbus.registry.DeviceConnection;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.LoggedConnectivityEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Connection state: {@code GET /api/v1/devices/{id}/connection} (one device now) and
 * {@code GET /api/v1/connectivity/events?after=&limit=} (the kept log of every client's connects and
 * disconnects, oldest first, to poll from the last {@code seq} seen).
 */
public final class ConnectivityEndpoints {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> EVENT_PARAMETERS = Set.of("after", "limit");

    private final DeviceRegistry registry;
    private final ConnectivityTracker tracker;

    public ConnectivityEndpoints(DeviceRegistry registry, ConnectivityTracker tracker) {
        this.registry = registry;
        this.tracker = tracker;
    }

    /**
     * {@code GET /api/v1/devices/{id}/connection}: {@code {"deviceId", "connectionState": "connected"|"disconnected",
     * "since", "lastActivityTime", "remoteAddress", "transport", "protocol", "lastDisconnectReason"}}; a device
     * that has not connected while the kept log lasts is disconnected with null times.
     */
    public Response deviceConnection(Request request) {
        String id = registry.require(request.pathParameter("id")).id();
        return Response.ok(view(id, tracker.state(id).orElse(null)));
    }

    /** {@code GET /api/v1/connectivity/events}: {@code {"items": [...], "lastSeq": n}}. */
    public Response events(Request request) {
        Map<String, List<String>> query = request.query();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!EVENT_PARAMETERS.contains(parameter.getKey()) || parameter.getValue().size() > 1) {
                throw badRequest("unknown or repeated query parameter '" + parameter.getKey() + "' (expected after, limit)");
            }
        }
        long after = number(query, "after", 0, Long.MAX_VALUE, 0);
        int limit = (int) number(query, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        List<Map<String, Object>> items = tracker.events(after, limit).stream().map(ConnectivityEndpoints::view).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", items);
        answer.put("lastSeq", tracker.lastSeq());
        return Response.ok(answer);
    }

    /** The view of a device's connection state; {@code state} null for one never seen. */
    public static Map<String, Object> view(String deviceId, DeviceConnection state) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("deviceId", deviceId);
        view.put("connectionState", state != null && state.connected() ? "connected" : "disconnected");
        view.put("since", state == null ? null : state.since().toString());
        view.put("lastActivityTime", state == null ? null : state.lastActivity().toString());
        view.put("remoteAddress", state == null ? null : state.remoteAddress());
        view.put("transport", state == null ? null : state.transport());
        view.put("protocol", state == null ? null : state.protocol());
        view.put("lastDisconnectReason", state == null ? null : state.lastDisconnectReason());
        return view;
    }

    private static Map<String, Object> view(LoggedConnectivityEvent logged) {
        ConnectivityEvent event = logged.event();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("seq", logged.seq());
        view.put("type", event.type().name().toLowerCase(Locale.ROOT));
        view.put("time", event.time().toString());
        view.put("kind", event.identity().kind().name().toLowerCase(Locale.ROOT));
        view.put("name", event.identity().name());
        view.put("clientId", event.clientId());
        view.put("remoteAddress", event.remoteAddress());
        view.put("transport", event.transport());
        view.put("protocol", event.protocol());
        view.put("reason", event.reason());
        return view;
    }

    private static long number(Map<String, List<String>> query, String name, long min, long max, long fallback) {
        List<String> values = query.get(name);
        if (values == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(values.getFirst());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw badRequest("'" + name + "' must be a whole number from " + min + " to " + max + ", was '"
                + values.getFirst() + "'");
    }

    private static ThingbusException badRequest(String detail) {
        return new ThingbusException(ErrorCode.BAD_REQUEST, detail);
    }
}
