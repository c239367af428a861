package io.thingbus.http.internal.connectivity;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.registry.ConnectivityEvent;
import io.thingbus.registry.ConnectivityTracker;
import io.thingbus.registry.DeviceConnection;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.LiveActivity;
import io.thingbus.registry.LoggedConnectivityEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Connection state: {@code GET /api/v1/devices/{id}/connection} (one device now),
 * {@code GET /api/v1/connectivity/events?after=&limit=} (the kept log of every client's connects and
 * disconnects, oldest first, to poll from the last {@code seq} seen) and
 * {@code GET /api/v1/connectivity/stream} (the same, live, as Server-Sent Events resumable from
 * {@code Last-Event-ID}).
 */
public final class ConnectivityEndpoints {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final String EVENT_STREAM = "text/event-stream";
    private static final Set<String> EVENT_PARAMETERS = Set.of("after", "limit");
    private static final Set<String> STREAM_PARAMETERS = Set.of("lastEventId");
    private static final String LAST_EVENT_ID = "Last-Event-ID";

    private final DeviceRegistry registry;
    private final ConnectivityTracker tracker;
    private final LiveActivity liveActivity;
    private final Duration heartbeatInterval;

    /**
     * @param liveActivity      when a connected device's connection last sent a packet
     * @param heartbeatInterval how often an idle stream gets a comment line
     */
    public ConnectivityEndpoints(DeviceRegistry registry, ConnectivityTracker tracker, LiveActivity liveActivity,
                                 Duration heartbeatInterval) {
        this.registry = registry;
        this.tracker = tracker;
        this.liveActivity = liveActivity;
        this.heartbeatInterval = heartbeatInterval;
    }

    /**
     * {@code GET /api/v1/devices/{id}/connection}: {@code {"deviceId", "connectionState": "connected"|"disconnected",
     * "since", "lastActivityTime", "remoteAddress", "transport", "protocol", "lastDisconnectReason"}}; a device
     * that has not connected while the kept log lasts is disconnected with null times.
     */
    public Response deviceConnection(Request request) {
        String id = registry.require(request.pathParameter("id")).id();
        Map<String, Object> view = view(id, tracker.state(id).orElse(null));
        liveActivity.lastHeardMillis(id).ifPresent(heard -> view.put("lastActivityTime", latest(
                (String) view.get("lastActivityTime"), Instant.ofEpochMilli(heard)).toString()));
        return Response.ok(view);
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

    /**
     * {@code GET /api/v1/connectivity/stream}: events as they happen; after the sequence number in
     * {@code Last-Event-ID} (header, or the {@code lastEventId} parameter for clients that cannot set
     * headers), else from now on.
     */
    public Response stream(Request request) {
        Map<String, List<String>> query = request.query();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!STREAM_PARAMETERS.contains(parameter.getKey()) || parameter.getValue().size() > 1) {
                throw badRequest("unknown or repeated query parameter '" + parameter.getKey() + "' (expected lastEventId)");
            }
        }
        String lastEventId = request.headers().get(LAST_EVENT_ID);
        if (lastEventId == null && query.containsKey("lastEventId")) {
            lastEventId = query.get("lastEventId").getFirst();
        }
        long after = lastEventId == null ? tracker.lastSeq() : seq(lastEventId);
        return Response.streamed(EVENT_STREAM, new ConnectivityStream(tracker, after, heartbeatInterval))
                .withHeader("X-Accel-Buffering", "no");
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

    /** The JSON view of one logged event, as the event list and the stream show it. */
    static Map<String, Object> view(LoggedConnectivityEvent logged) {
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

    private static Instant latest(String recorded, Instant heard) {
        if (recorded == null) {
            return heard;
        }
        Instant known = Instant.parse(recorded);
        return known.isAfter(heard) ? known : heard;
    }

    private static long seq(String lastEventId) {
        try {
            long seq = Long.parseLong(lastEventId.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw badRequest("Last-Event-ID must be the seq of a connectivity event, was '" + lastEventId + "'");
    }

    private static ThingbusException badRequest(String detail) {
        return new ThingbusException(ErrorCode.BAD_REQUEST, detail);
    }
}
