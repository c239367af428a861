package io.thingbus.http.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.timeout.IdleStateEvent;
import io.thingbus.http.internal.auth.BearerAuthenticator;
import io.thingbus.http.internal.routing.BodyStream;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.http.internal.routing.Router;
import io.thingbus.registry.InMemoryPrincipalStore;
import io.thingbus.registry.Role;
import io.thingbus.registry.ServicePrincipals;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
    private final ServicePrincipals principals = new ServicePrincipals(new InMemoryPrincipalStore(), Clock.systemUTC(),
            new SecureRandom());
    private final String token = principals.create("tester", Role.READER).token();
    private final RequestDispatcher dispatcher = new RequestDispatcher(Router.builder()
            .publicRoute(HttpMethod.GET, "/health", request -> Response.ok(Map.of("status", "UP")))
            .route(HttpMethod.GET, "/api/v1/echo/{word}", Role.READER,
                    request -> Response.ok(Map.of("word", request.pathParameter("word"))))
            .route(HttpMethod.GET, "/api/v1/broken", Role.READER, request -> {
                throw new AssertionError("an Error the dispatcher does not catch");
            })
            .route(HttpMethod.GET, "/api/v1/stream", Role.READER, request -> Response.streamed("text/plain", new BodyStream() {
                @Override
                public void open(Runnable wake) {
                    streamWake = wake;
                }

                @Override
                public BodyStream.Chunk next() {
                    pulls++;
                    return pieces.isEmpty() ? BodyStream.Chunk.NOTHING_YET : pieces.poll();
                }

                @Override
                public void close() {
                    streamClosed = true;
                }
            }))
            .build(), new BearerAuthenticator(principals));
    /** What the streamed route's body gives, piece by piece; nothing yet when empty. */
    private final Deque<BodyStream.Chunk> pieces = new ArrayDeque<>();
    private int pulls;
    private Runnable streamWake;
    private boolean streamClosed;
    /** The workers: tasks wait here until a test runs them, or are refused when {@link #workersFull}. */
    private final Deque<Runnable> workerTasks = new ArrayDeque<>();
    private boolean workersFull;
    private final EmbeddedChannel channel = new EmbeddedChannel();

    HttpPipelineTest() {
        Executor workers = task -> {
            if (workersFull) {
                throw new RejectedExecutionException("full");
            }
            workerTasks.add(task);
        };
        new HttpChannelInitializer(dispatcher, mqtt, workers, workers, MAX_BODY, Duration.ofSeconds(60))
                .addStages(channel.pipeline());
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
    void apiRequestRunsOnAWorkerWhileTheConnectionStopsReading() {
        String before = exchange(echo("one"));

        assertThat(before).as("nothing written until the worker answers").isEmpty();
        assertThat(workerTasks).hasSize(1);
        assertThat(channel.config().isAutoRead()).isFalse();

        String after = runWorker();

        assertThat(after).startsWith("HTTP/1.1 200");
        assertThat(body(after)).isEqualTo("{\"word\":\"one\"}");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void pipelinedApiRequestsAreAnsweredInRequestOrderOneAtATime() {
        String first = exchange(echo("one") + "GET /health HTTP/1.1\r\nHost: hub\r\n\r\n" + echo("three"));

        assertThat(first).as("the health check waits behind the API request").isEmpty();
        assertThat(workerTasks).as("one request with the workers at a time").hasSize(1);

        String second = runWorker();

        assertThat(second.indexOf("\"word\":\"one\"")).isPositive();
        assertThat(second.indexOf("\"status\":\"UP\"")).isGreaterThan(second.indexOf("\"word\":\"one\""));
        assertThat(second).doesNotContain("three");
        assertThat(channel.config().isAutoRead()).as("still one in hand").isFalse();

        assertThat(runWorker()).contains("\"word\":\"three\"");
        assertThat(workerTasks).isEmpty();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void fullWorkerQueueIs503ServerBusyAndTheConnectionGoesOn() {
        workersFull = true;

        String response = exchange(echo("one"));

        assertThat(response).startsWith("HTTP/1.1 503");
        assertThat(Json.read(body(response).getBytes(StandardCharsets.UTF_8)).get("code").asText())
                .isEqualTo("SERVER_BUSY");
        assertThat(channel.config().isAutoRead()).isTrue();
        workersFull = false;
        exchange(echo("two"));
        assertThat(runWorker()).contains("\"word\":\"two\"");
    }

    @Test
    void anErrorOnAWorkerIsA500AndTheConnectionGoesOn() {
        exchange("GET /api/v1/broken HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " + token + "\r\n\r\n"
                + echo("after"));

        String response = runWorker();

        assertThat(response).startsWith("HTTP/1.1 500");
        assertThat(response).contains("\"code\":\"UNSPECIFIED\"").doesNotContain("does not catch");
        assertThat(runWorker()).contains("\"word\":\"after\"");
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void idleTimeoutWaitsForTheRequestInHand() {
        exchange(echo("one"));

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).as("busy: not idle").isTrue();

        assertThat(runWorker()).startsWith("HTTP/1.1 200");
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isFalse();
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

    @Test
    void aStreamedAnswerIsChunkedPieceByPieceAndThePipelinedRequestWaitsForItsEnd() {
        pieces.add(BodyStream.Chunk.of(bytes("one")));
        pieces.add(BodyStream.Chunk.last(bytes("two")));

        exchange(stream() + "GET /health HTTP/1.1\r\nHost: hub\r\n\r\n");
        String head = runWorker();

        assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked")
                .containsIgnoringCase("content-type: text/plain").doesNotContainIgnoringCase("content-length");
        assertThat(workerTasks).as("the first piece is asked for at once").hasSize(1);
        assertThat(runWorker()).isEqualTo("3\r\none\r\n");
        String end = runWorker();
        assertThat(end).startsWith("3\r\ntwo\r\n0\r\n\r\nHTTP/1.1 200").endsWith("{\"status\":\"UP\"}");
        assertThat(pulls).isEqualTo(2);
        assertThat(streamClosed).isTrue();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aStreamIsAskedForMoreOnlyWhileTheChannelIsWritableAndWhenWoken() {
        exchange(stream());
        runWorker();
        pieces.add(BodyStream.Chunk.of(bytes("one")));
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);

        assertThat(runWorker()).isEqualTo("3\r\none\r\n");
        assertThat(workerTasks).as("not writable: nothing asked for").isEmpty();

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        exchange("");
        assertThat(workerTasks).as("writable again").hasSize(1);
        assertThat(runWorker()).as("nothing yet").isEmpty();
        assertThat(workerTasks).as("waits for a wake-up, no polling").isEmpty();

        pieces.add(BodyStream.Chunk.of(bytes("two")));
        streamWake.run();
        exchange("");
        assertThat(runWorker()).isEqualTo("3\r\ntwo\r\n");
        assertThat(channel.config().isAutoRead()).as("reads while streaming, to see the client go").isTrue();
    }

    @Test
    void aConnectionClosedMidStreamClosesTheStream() {
        exchange(stream());
        runWorker();

        channel.close();

        assertThat(streamClosed).isTrue();
    }

    private String stream() {
        return "GET /api/v1/stream HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " + token + "\r\n\r\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String exchange(String request) {
        if (!request.isEmpty()) {
            channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        }
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        ByteBuf written;
        while ((written = channel.readOutbound()) != null) {
            out.append(written.toString(StandardCharsets.UTF_8));
            written.release();
        }
        return out.toString();
    }

    private String echo(String word) {
        return "GET /api/v1/echo/" + word + " HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " + token + "\r\n\r\n";
    }

    /** Runs the oldest worker task, then what it handed back to the event loop; what was written. */
    private String runWorker() {
        workerTasks.poll().run();
        return exchange("");
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
}
