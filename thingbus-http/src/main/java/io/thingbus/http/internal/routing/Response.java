package io.thingbus.http.internal.routing;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: status, content type, body and any further headers. The pipeline adds
 * Content-Length (or chunked framing for a streamed body), Connection and Cache-Control.
 *
 * @param contentType null for an empty body
 * @param body        the whole body; empty when streamed
 * @param stream      the body sent piece by piece after the head, or null when {@code body} is all of it
 */
public record Response(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers,
                       BodyStream stream) {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private static final byte[] EMPTY = new byte[0];

    public Response {
        headers = Map.copyOf(headers);
    }

    /** A response with the whole body at hand. */
    public Response(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    /** 200 with a body written piece by piece by {@code stream}. */
    public static Response streamed(String contentType, BodyStream stream) {
        return new Response(HttpResponseStatus.OK, contentType, EMPTY, Map.of(), stream);
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
        return new Response(status, contentType, body, more, stream);
    }
}
