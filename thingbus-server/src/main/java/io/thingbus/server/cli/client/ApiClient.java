package io.thingbus.server.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls the hub's management API for a CLI command, with the JDK's HTTP client. A success answers the
 * response body as text (empty for 204); a problem+json answer becomes a {@link ThingbusException} with
 * the problem's code and "title: detail", and a hub that cannot be reached one with
 * {@link ErrorCode#SERVER_UNAVAILABLE}, so the command exits with the code's exit code. The token never
 * appears in a message.
 */
public final class ApiClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Long enough for a bulk import of a full 1 MiB body onto a slow disk. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final HttpClient http;

    /**
     * @param base  the hub's HTTP address, e.g. {@code http://127.0.0.1:8080}
     * @param token the bearer token, or null to send none
     */
    public ApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** One path segment, percent-encoded (device ids may hold {@code : @ ( ) $ '} and more). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public String get(String path) throws InterruptedException {
        return send(request(path).GET());
    }

    public String delete(String path) throws InterruptedException {
        return send(request(path).DELETE());
    }

    /** A request with a JSON body. */
    public String send(String method, String path, JsonNode body) throws InterruptedException {
        try {
            return send(method, path, "application/json", JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a request body", e);
        }
    }

    /** A request with a body of any type. */
    public String send(String method, String path, String contentType, byte[] body) throws InterruptedException {
        return send(request(path).header("Content-Type", contentType).method(method, BodyPublishers.ofByteArray(body)));
    }

    /** Parses an answer of the API. */
    public static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ThingbusException(ErrorCode.UNSPECIFIED, "the hub answered something that is not JSON");
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private String send(HttpRequest.Builder request) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException refused) {
            throw new ThingbusException(ErrorCode.SERVER_UNAVAILABLE, "the hub is not reachable at " + base
                    + " (is it running? give its address with --url or THINGBUS_URL)");
        } catch (HttpTimeoutException slow) {
            throw new ThingbusException(ErrorCode.SERVER_UNAVAILABLE, "the hub at " + base + " did not answer in time");
        } catch (IOException broken) {
            throw new ThingbusException(ErrorCode.SERVER_UNAVAILABLE, "cannot talk to the hub at " + base + ": "
                    + broken.getMessage());
        }
        if (response.statusCode() >= 400) {
            throw problem(response);
        }
        return response.body();
    }

    /** The problem+json answer as an exception: its code, "title: detail". */
    private static ThingbusException problem(HttpResponse<String> response) {
        boolean problemJson = response.headers().firstValue("Content-Type")
                .filter(type -> type.startsWith("application/problem+json")).isPresent();
        if (!problemJson) {
            return new ThingbusException(ErrorCode.UNSPECIFIED, "the hub answered HTTP " + response.statusCode());
        }
        JsonNode problem = parse(response.body());
        ErrorCode code;
        try {
            code = ErrorCode.valueOf(problem.path("code").asText());
        } catch (IllegalArgumentException unknown) {
            code = ErrorCode.UNSPECIFIED;
        }
        return new ThingbusException(code, problem.path("title").asText(code.description()) + ": "
                + problem.path("detail").asText());
    }
}
