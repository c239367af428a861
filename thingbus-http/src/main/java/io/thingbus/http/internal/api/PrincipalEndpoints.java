package io.thingbus.http.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.registry.IssuedToken;
import io.thingbus.registry.Role;
import io.thingbus.registry.ServicePrincipal;
import io.thingbus.registry.ServicePrincipals;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/principals}: who am I, and (admin) list, create, show and remove service
 * principals. A new principal's token is in the 201 answer and nowhere else, ever.
 */
public final class PrincipalEndpoints {

    private static final Set<String> CREATE_MEMBERS = Set.of("name", "role");

    private final ServicePrincipals principals;

    public PrincipalEndpoints(ServicePrincipals principals) {
        this.principals = principals;
    }

    /** {@code GET /api/v1/principals/me}: the caller's name and role. */
    public Response me(Request request) {
        ServicePrincipal caller = request.principal();
        return Response.ok(Map.of("name", caller.name(), "role", caller.role().wireName()));
    }

    /** {@code GET /api/v1/principals}. */
    public Response list(Request request) {
        List<Map<String, Object>> items = principals.list().stream().map(PrincipalEndpoints::view).toList();
        return Response.ok(Map.of("items", items));
    }

    /** {@code GET /api/v1/principals/{name}}. */
    public Response show(Request request) {
        String name = request.pathParameter("name");
        return Response.ok(view(principals.find(name).orElseThrow(() -> noSuchPrincipal(name))));
    }

    /** {@code POST /api/v1/principals} {@code {"name": "ci", "role": "operator"}}: 201 with the token. */
    public Response create(Request request) {
        JsonNode body = request.jsonObject();
        for (Iterator<String> members = body.fieldNames(); members.hasNext(); ) {
            String member = members.next();
            if (!CREATE_MEMBERS.contains(member)) {
                throw new ThingbusException(ErrorCode.BAD_REQUEST, "unknown member '" + member + "' (expected name, role)");
            }
        }
        String name = requiredText(body, "name");
        Role role;
        try {
            ServicePrincipal.requireValidName(name);
            role = Role.fromWireName(requiredText(body, "role"));
        } catch (IllegalArgumentException invalid) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, invalid.getMessage());
        }
        IssuedToken issued = principals.create(name, role);
        Map<String, Object> answer = view(issued.principal());
        answer.put("token", issued.token());
        return Response.json(HttpResponseStatus.CREATED, answer)
                .withHeader("Location", "/api/v1/principals/" + name);
    }

    /** {@code DELETE /api/v1/principals/{name}}: 204; the token stops working at once. */
    public Response remove(Request request) {
        principals.remove(request.pathParameter("name"));
        return Response.noContent();
    }

    private static Map<String, Object> view(ServicePrincipal principal) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", principal.name());
        view.put("role", principal.role().wireName());
        view.put("created", principal.created().toString());
        return view;
    }

    private static String requiredText(JsonNode body, String member) {
        JsonNode value = body.get(member);
        if (value == null || !value.isTextual()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "'" + member + "' must be a string");
        }
        return value.asText();
    }

    private static ThingbusException noSuchPrincipal(String name) {
        return new ThingbusException(ErrorCode.NOT_FOUND, "no principal named '" + name + "'");
    }
}
