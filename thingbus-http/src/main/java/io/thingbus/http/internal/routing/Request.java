package io.thingbus.http.internal.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.registry.ServicePrincipal;
import java.util.List;
import java.util.Map;

/**
 * One request as a handler sees it: decoded path and parameters, the decoded query, headers, the body
 * (bounded by the server's limit), the authenticated principal (null on public and device routes) and the
 * peer's address.
 */
public final class Request {

    private final HttpMethod method;
    private final String path;
    private final Map<String, String> pathParameters;
    private final Map<String, List<String>> query;
    private final HttpHeaders headers;
    private final byte[] body;
    private final ServicePrincipal principal;
    private final String remoteAddress;

    public Request(HttpMethod method, String path, Map<String, String> pathParameters, Map<String, List<String>> query,
                   HttpHeaders headers, byte[] body, ServicePrincipal principal, String remoteAddress) {
        this.method = method;
        this.path = path;
        this.pathParameters = pathParameters;
        this.query = Map.copyOf(query);
        this.headers = headers;
        this.body = body;
        this.principal = principal;
        this.remoteAddress = remoteAddress;
    }

    public HttpMethod method() {
        return method;
    }

    /** The decoded path, without the query string. */
    public String path() {
        return path;
    }

    /** A parameter of the route's template, decoded. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no parameter {" + name + "}");
        }
        return value;
    }

    /** The decoded query parameters, each with every value it was given, in order. */
    public Map<String, List<String>> query() {
        return query;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The caller; never null on a {@link RouteAccess#PRINCIPAL} route, always null on the others. */
    public ServicePrincipal principal() {
        return principal;
    }

    /** The peer's IP address (without port), for failure limits and logs. */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** Whether the request has a body at all. */
    public boolean hasBody() {
        return body.length > 0;
    }

    /** The raw body; do not modify it. */
    public byte[] body() {
        return body;
    }

    /** The body as a JSON object; {@link ErrorCode#BAD_REQUEST} when empty or not an object, INVALID_JSON when malformed. */
    public JsonNode jsonObject() {
        if (body.length == 0) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "this request needs a JSON object as its body");
        }
        JsonNode node = Json.read(body);
        if (!node.isObject()) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "the body must be a JSON object");
        }
        return node;
    }
}
