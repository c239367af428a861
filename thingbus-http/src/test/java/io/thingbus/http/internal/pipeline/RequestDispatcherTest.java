package io.thingbus.http.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.auth.BearerAuthenticator;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.http.internal.routing.Router;
import io.thingbus.registry.InMemoryPrincipalStore;
import io.thingbus.registry.Role;
import io.thingbus.registry.ServicePrincipals;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestDispatcherTest {

    private static final byte[] NO_BODY = new byte[0];

    private final ServicePrincipals principals = new ServicePrincipals(new InMemoryPrincipalStore(), Clock.systemUTC(),
            new SecureRandom());
    private final String admin = principals.create("root", Role.ADMIN).token();
    private final String reader = principals.create("viewer", Role.READER).token();
    private static final String PEER = "127.0.0.1";
    private final RequestDispatcher dispatcher = new RequestDispatcher(Router.builder()
            .publicRoute(HttpMethod.GET, "/health", request -> Response.ok(Map.of("status", "UP")))
            .route(HttpMethod.GET, "/api/v1/whoami", Role.READER,
                    request -> Response.ok(Map.of("name", request.principal().name())))
            .route(HttpMethod.POST, "/api/v1/things", Role.OPERATOR,
                    request -> Response.ok(Map.of("echo", request.jsonObject().get("x").asText())))
            .route(HttpMethod.GET, "/api/v1/things/{id}", Role.READER, request -> {
                throw new ThingbusException(ErrorCode.NOT_FOUND, "no thing " + request.pathParameter("id"));
            })
            .route(HttpMethod.GET, "/api/v1/broken", Role.READER, request -> {
                throw new IllegalStateException("secret internals at line 42");
            })
            .deviceRoute(HttpMethod.POST, "/api/v1/devices/{id}/hello", request -> Response.ok(Map.of(
                    "id", request.pathParameter("id"), "principal", String.valueOf(request.principal()),
                    "authorization", request.headers().get("Authorization"))))
            .build(), new BearerAuthenticator(principals));

    @Test
    void publicRouteNeedsNoToken() {
        Response response = dispatcher.dispatch(HttpMethod.GET, "/health", new DefaultHttpHeaders(), NO_BODY, PEER);

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(Json.read(response.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void apiRouteWithoutTokenIs401WithABearerChallenge() {
        Response response = dispatcher.dispatch(HttpMethod.GET, "/api/v1/whoami", new DefaultHttpHeaders(), NO_BODY, PEER);

        assertProblem(response, 401, "AUTHENTICATION_REQUIRED", "/api/v1/whoami");
        assertThat(response.headers()).containsEntry("www-authenticate", "Bearer realm=\"thingbus\"");
    }

    @Test
    void unknownTokenIs401InvalidToken() {
        Response response = dispatcher.dispatch(HttpMethod.GET, "/api/v1/whoami", bearer("tb_wrong"), NO_BODY, PEER);

        assertProblem(response, 401, "INVALID_TOKEN", "/api/v1/whoami");
        assertThat(response.headers().get("www-authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void aDeviceRouteIsReachedWithoutABearerTokenAndItsHandlerSeesTheDevicesCredentials() {
        HttpHeaders headers = new DefaultHttpHeaders().set("Authorization", "SharedAccessSignature sr=x&sig=y&se=1");

        Response response = dispatcher.dispatch(HttpMethod.POST, "/api/v1/devices/d-1/hello", headers, NO_BODY, PEER);

        assertThat(response.status().code()).isEqualTo(200);
        JsonNode body = Json.read(response.body());
        assertThat(body.get("id").asText()).isEqualTo("d-1");
        assertThat(body.get("principal").asText()).isEqualTo("null");
        assertThat(body.get("authorization").asText()).startsWith("SharedAccessSignature ");
    }

    @Test
    void otherMethodsOnADevicePathStillNeedABearerToken() {
        Response response = dispatcher.dispatch(HttpMethod.GET, "/api/v1/devices/d-1/hello", new DefaultHttpHeaders(), NO_BODY, PEER);

        assertProblem(response, 401, "AUTHENTICATION_REQUIRED", "/api/v1/devices/d-1/hello");
        assertThat(dispatcher.dispatch(HttpMethod.GET, "/api/v1/devices/d-1/hello", bearer(reader), NO_BODY, PEER).status().code())
                .isEqualTo(405);
    }

    @Test
    void unknownApiPathWithoutTokenIs401NotA404() {
        Response response = dispatcher.dispatch(HttpMethod.GET, "/api/v1/secret-feature", new DefaultHttpHeaders(), NO_BODY, PEER);

        assertProblem(response, 401, "AUTHENTICATION_REQUIRED", "/api/v1/secret-feature");
    }

    @Test
    void validTokenReachesTheHandlerWithItsPrincipal() {
        Response response = dispatcher.dispatch(HttpMethod.GET, "/api/v1/whoami", bearer(reader), NO_BODY, PEER);

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(Json.read(response.body()).get("name").asText()).isEqualTo("viewer");
    }

    @Test
    void roleBelowTheRoutesIs403() {
        Response response = dispatcher.dispatch(HttpMethod.POST, "/api/v1/things", bearer(reader), json("{\"x\":\"1\"}"), PEER);

        assertProblem(response, 403, "NOT_AUTHORIZED", "/api/v1/things");
        assertThat(Json.read(response.body()).get("detail").asText()).contains("reader").contains("operator");
    }

    @Test
    void unknownPathIs404() {
        Response response = dispatcher.dispatch(HttpMethod.GET, "/api/v1/nothing?x=1", bearer(admin), NO_BODY, PEER);

        assertProblem(response, 404, "NOT_FOUND", "/api/v1/nothing");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Response response = dispatcher.dispatch(HttpMethod.DELETE, "/api/v1/things", bearer(admin), NO_BODY, PEER);

        assertProblem(response, 405, "METHOD_NOT_ALLOWED", "/api/v1/things");
        assertThat(response.headers()).containsEntry("allow", "POST");
    }

    @Test
    void malformedJsonIs400InvalidJsonWithoutEchoingTheBody() {
        Response response = dispatcher.dispatch(HttpMethod.POST, "/api/v1/things", bearer(admin),
                json("{\"x\": \"password123\""), PEER);

        assertProblem(response, 400, "INVALID_JSON", "/api/v1/things");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("password123");
    }

    @Test
    void jsonThatIsNotAnObjectOrIsMissingIs400BadRequest() {
        assertProblem(dispatcher.dispatch(HttpMethod.POST, "/api/v1/things", bearer(admin), json("[1, 2]"), PEER),
                400, "BAD_REQUEST", "/api/v1/things");
        assertProblem(dispatcher.dispatch(HttpMethod.POST, "/api/v1/things", bearer(admin), NO_BODY, PEER),
                400, "BAD_REQUEST", "/api/v1/things");
    }

    @Test
    void handlerProblemKeepsItsCodeAndDetail() {
        Response response = dispatcher.dispatch(HttpMethod.GET, "/api/v1/things/t%201", bearer(admin), NO_BODY, PEER);

        assertProblem(response, 404, "NOT_FOUND", "/api/v1/things/t%201");
        assertThat(Json.read(response.body()).get("detail").asText()).isEqualTo("no thing t 1");
    }

    @Test
    void unexpectedExceptionIs500WithoutItsMessageOrStackTrace() {
        Response response = dispatcher.dispatch(HttpMethod.GET, "/api/v1/broken", bearer(admin), NO_BODY, PEER);

        assertProblem(response, 500, "UNSPECIFIED", "/api/v1/broken");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("secret internals").doesNotContain("IllegalStateException").doesNotContain("at io.");
    }

    private static void assertProblem(Response response, int status, String code, String instance) {
        assertThat(response.status().code()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = Json.read(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("instance").asText()).isEqualTo(instance);
        assertThat(problem.get("type").asText()).startsWith("tag:thingbus.io,2026:problem:");
        assertThat(problem.get("title").asText()).isNotBlank();
    }

    private static HttpHeaders bearer(String token) {
        return new DefaultHttpHeaders().set("Authorization", "Bearer " + token);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
