package io.thingbus.http.internal.routing;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: status, content type, body and any further headers. The pipeline adds
 * Content-Length, Connection and Cache-Control.
 *
 * @param contentType null for an empty body
 */
public record Response(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final byte[] EMPTY = new byte[0];

    public Response {
        headers = Map.copyOf(headers);
    }

    /** 200 with a JSON body. */
    public static Response ok(Object body) {
        return json(HttpResponseStatus.OK, body);
    }

    public static Response json(HttpResponseStatus status, Object body) {
        return new Response(status, JSON, Json.write(body), Map.of());
    }

    public static Response text(HttpResponseStatus status, String contentType, String body) {
        return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** 204: done, nothing to say. */
    public static Response noContent() {
        return new Response(HttpResponseStatus.NO_CONTENT, null, EMPTY, Map.of());
    }

    /** This response with one more header. */
    public Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more);
    }
}
