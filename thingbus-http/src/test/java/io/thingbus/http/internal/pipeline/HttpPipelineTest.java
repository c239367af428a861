package io.thingbus.http.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.thingbus.http.internal.auth.BearerAuthenticator;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.http.internal.routing.Router;
import io.thingbus.registry.InMemoryPrincipalStore;
import io.thingbus.registry.ServicePrincipals;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP stages on an embedded channel, fed raw request bytes, read back as raw response bytes. */
class HttpPipelineTest {

    private static final int MAX_BODY = 1000;

    private final List<String> upgradedPaths = new ArrayList<>();
    private final WebSocketTarget mqtt = new WebSocketTarget() {
        @Override
        public boolean accepts(String path) {
            return path.equals("/mqtt");
        }

        @Override
        public void upgrade(ChannelHandlerContext httpStage, FullHttpRequest request) {
            upgradedPaths.add(request.uri());
            request.release();
            httpStage.pipeline().remove(httpStage.name());
        }
    };
    private final RequestDispatcher dispatcher = new RequestDispatcher(Router.builder()
            .publicRoute(HttpMethod.GET, "/health", request -> Response.ok(Map.of("status", "UP")))
            .build(), new BearerAuthenticator(new ServicePrincipals(new InMemoryPrincipalStore(), Clock.systemUTC(),
                    new SecureRandom())));
    private final EmbeddedChannel channel = new EmbeddedChannel();

    HttpPipelineTest() {
        new HttpChannelInitializer(dispatcher, mqtt, MAX_BODY, Duration.ofSeconds(60)).addStages(channel.pipeline());
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void stagesAreNamedInOrder() {
        assertThat(channel.pipeline().names()).containsSubsequence(HttpHandlerNames.HTTP_CODEC,
                HttpHandlerNames.HTTP_IDLE, HttpHandlerNames.HTTP_AGGREGATOR, HttpHandlerNames.HTTP_REQUESTS);
    }

    @Test
    void answersARequestWithLengthTypeAndNoStore() {
        String response = exchange("GET /health HTTP/1.1\r\nHost: hub\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(response.toLowerCase()).contains("content-type: application/json\r\n")
                .contains("content-length: 15\r\n").contains("cache-control: no-store\r\n");
        assertThat(body(response)).isEqualTo("{\"status\":\"UP\"}");
        assertThat(channel.isOpen()).as("HTTP/1.1 keeps the connection").isTrue();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        String responses = exchange("GET /health HTTP/1.1\r\nHost: hub\r\n\r\nGET /nope HTTP/1.1\r\nHost: hub\r\n\r\n");

        assertThat(responses.indexOf("HTTP/1.1 200")).isZero();
        assertThat(responses.indexOf("HTTP/1.1 404")).isPositive();
    }

    @Test
    void connectionCloseClosesAfterTheAnswer() {
        String response = exchange("GET /health HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void bodyOverTheLimitIs413ProblemAndTheBodyIsSkipped() {
        String response = exchange("POST /health HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (MAX_BODY + 1) + "\r\n\r\n" + "x".repeat(MAX_BODY + 1)
                + "GET /health HTTP/1.1\r\nHost: hub\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        String first = response.substring(0, response.indexOf("HTTP/1.1 200"));
        JsonNode problem = Json.read(body(first).getBytes(StandardCharsets.UTF_8));
        assertThat(problem.get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(problem.get("instance").asText()).isEqualTo("/health");
        assertThat(channel.isOpen()).as("the next request on the connection is served").isTrue();
    }

    @Test
    void clientWaitingFor100ContinueGetsThe413InsteadAndSendsNoBody() {
        String response = exchange("POST /health HTTP/1.1\r\nHost: hub\r\nExpect: 100-continue\r\n"
                + "Content-Length: " + (MAX_BODY + 1) + "\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(Json.read(body(response).getBytes(StandardCharsets.UTF_8)).get("code").asText())
                .isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(exchange("GET /health HTTP/1.1\r\nHost: hub\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    @Test
    void bodyOverTheLimitOnAConnectionThatEndsClosesIt() {
        String response = exchange("POST /health HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n"
                + "Content-Length: " + (MAX_BODY + 1) + "\r\n\r\n" + "x".repeat(MAX_BODY + 1));

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void malformedRequestIs400ProblemAndCloses() {
        String response = exchange("GET /health HTTP/1.1\r\nHost: hub\r\nBad Header: x\r\n\r\n");

        assertThat(response).contains(" 400 ");
        assertThat(Json.read(body(response).getBytes(StandardCharsets.UTF_8)).get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void webSocketUpgradeOnTheMqttPathIsHandedOverWithoutTheIdleTimeout() {
        String response = exchange("GET /mqtt?x=1 HTTP/1.1\r\nHost: hub\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");

        assertThat(response).isEmpty();
        assertThat(upgradedPaths).containsExactly("/mqtt?x=1");
        assertThat(channel.pipeline().names()).doesNotContain(HttpHandlerNames.HTTP_IDLE, HttpHandlerNames.HTTP_REQUESTS);
    }

    @Test
    void plainRequestOnTheMqttPathAndUpgradesElsewhereAreOrdinaryRequests() {
        assertThat(exchange("GET /mqtt HTTP/1.1\r\nHost: hub\r\n\r\n")).startsWith("HTTP/1.1 404");
        assertThat(exchange("GET /health HTTP/1.1\r\nHost: hub\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        assertThat(upgradedPaths).isEmpty();
    }

    private String exchange(String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        ByteBuf written;
        while ((written = channel.readOutbound()) != null) {
            out.append(written.toString(StandardCharsets.UTF_8));
            written.release();
        }
        return out.toString();
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
}
