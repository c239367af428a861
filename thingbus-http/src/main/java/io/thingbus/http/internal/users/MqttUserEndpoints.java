package io.thingbus.http.internal.users;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.registry.auth.MqttUser;
import io.thingbus.registry.auth.MqttUsers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/users}: the user name and password clients of the broker (admin only). Passwords go
 * in and are stored as slow hashes; no answer ever contains one.
 */
public final class MqttUserEndpoints {

    private static final Set<String> CREATE_MEMBERS = Set.of("name", "password");

    private final MqttUsers users;

    public MqttUserEndpoints(MqttUsers users) {
        this.users = users;
    }

    /** {@code GET /api/v1/users}: {@code {"items": [{"name", "created"}]}}. */
    public Response list(Request request) {
        return Response.ok(Map.of("items", users.list().stream().map(MqttUserEndpoints::view).toList()));
    }

    /** {@code GET /api/v1/users/{name}}. */
    public Response show(Request request) {
        String name = request.pathParameter("name");
        return Response.ok(view(users.find(name).orElseThrow(() -> new ThingbusException(ErrorCode.NOT_FOUND,
                "no user '" + name + "'"))));
    }

    /** {@code POST /api/v1/users} {@code {"name", "password"}}: 201; an existing name is 409. */
    public Response create(Request request) {
        JsonNode body = request.jsonObject();
        for (Iterator<String> members = body.fieldNames(); members.hasNext(); ) {
            String member = members.next();
            if (!CREATE_MEMBERS.contains(member)) {
                throw new ThingbusException(ErrorCode.BAD_REQUEST, "unknown member '" + member + "' (expected name, password)");
            }
        }
        String name = text(body, "name");
        String password = text(body, "password");
        MqttUser user = users.create(name, password);
        return Response.json(HttpResponseStatus.CREATED, view(user))
                .withHeader("Location", "/api/v1/users/" + URLEncoder.encode(user.name(), StandardCharsets.UTF_8));
    }

    /** {@code DELETE /api/v1/users/{name}}: 204. */
    public Response remove(Request request) {
        users.remove(request.pathParameter("name"));
        return Response.noContent();
    }

    private static Map<String, Object> view(MqttUser user) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", user.name());
        view.put("created", user.created().toString());
        return view;
    }

    private static String text(JsonNode body, String member) {
        JsonNode value = body.get(member);
        if (value == null || !value.isTextual()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "'" + member + "' must be a string");
        }
        return value.asText();
    }
}
