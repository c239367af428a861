package io.thingbus.http.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.http.internal.routing.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 document, written by hand beside this class
 * ({@code openapi.json}) and checked against the routes by a test. Parsed once at start-up, so a
 * broken document fails the start, not the first caller.
 */
public final class OpenApiDocument {

    private static final String RESOURCE = "openapi.json";

    private final JsonNode document;
    private final byte[] bytes;

    private OpenApiDocument(JsonNode document, byte[] bytes) {
        this.document = document;
        this.bytes = bytes;
    }

    public static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            byte[] bytes = in.readAllBytes();
            return new OpenApiDocument(Json.read(bytes), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public JsonNode document() {
        return document;
    }

    public Response serve() {
        return new Response(HttpResponseStatus.OK, Response.JSON, bytes, Map.of());
    }
}
