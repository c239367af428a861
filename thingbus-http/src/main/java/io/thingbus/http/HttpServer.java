package io.thingbus.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.thingbus.http.internal.api.ApiRoutes;
import io.thingbus.http.internal.api.EnrollmentEndpoints;
import io.thingbus.http.internal.api.HubMetrics;
import io.thingbus.http.internal.api.OpenApiDocument;
import io.thingbus.http.internal.api.PrincipalEndpoints;
import io.thingbus.http.internal.api.ProvisioningEndpoints;
import io.thingbus.http.internal.api.SystemEndpoints;
import io.thingbus.http.internal.auth.BearerAuthenticator;
import io.thingbus.http.internal.connectivity.ConnectivityEndpoints;
import io.thingbus.http.internal.devices.DeviceCredentialEndpoints;
import io.thingbus.http.internal.devices.DeviceEndpoints;
import io.thingbus.http.internal.devices.DeviceImportEndpoint;
import io.thingbus.http.internal.pipeline.HttpChannelInitializer;
import io.thingbus.http.internal.pipeline.RequestDispatcher;
import io.thingbus.http.internal.pipeline.WebSocketTarget;
import io.thingbus.http.internal.telemetry.ConsumerGroupEndpoints;
import io.thingbus.http.internal.telemetry.DeviceMessageEndpoint;
import io.thingbus.http.internal.telemetry.EventEndpoints;
import io.thingbus.http.internal.telemetry.TelemetryStreamEndpoint;
import io.thingbus.http.internal.users.MqttUserEndpoints;
import io.thingbus.mqtt.MqttMetrics;
import io.thingbus.mqtt.MqttWebSocketEndpoint;
import io.thingbus.registry.DeviceRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP port: the management API under {@code /api/v1} (bearer tokens; devices and service
 * principals, enrollments, events, consumer groups and the live telemetry stream; devices registering
 * through provisioning or posting telemetry bring a SAS token instead),
 * {@code /health}, {@code /metrics}, and MQTT over WebSocket, whose upgrades it hands to the broker. API
 * requests run on a few worker threads of its own, with a bounded queue, so registry writes never hold an
 * event loop. Start once, close once, before the broker whose event loops it runs on.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    /** How long {@link #close()} waits for API requests in hand to finish. */
    private static final long WORKER_DRAIN_SECONDS = 5;
    /** Threads making the pieces of streamed answers (exports, live telemetry). */
    private static final int STREAM_THREADS = 2;

    private final HubMetrics metrics;
    private final ThreadPoolExecutor workers;
    private final ExecutorService streamWorkers;
    private final HttpChannelInitializer initializer;
    private Channel listener;

    /**
     * @param backends    the services the API fronts
     * @param clock       the time of minted device tokens
     * @param webSocket   where MQTT-over-WebSocket upgrades go
     * @param mqttMetrics the broker's gauges for {@code /metrics}
     */
    public HttpServer(HttpServerConfig config, ApiBackends backends, Clock clock, MqttWebSocketEndpoint webSocket,
                      MqttMetrics mqttMetrics) {
        this.metrics = new HubMetrics(mqttMetrics, backends.connectivity());
        DeviceRegistry devices = backends.devices();
        RequestDispatcher dispatcher = new RequestDispatcher(
                ApiRoutes.router(new SystemEndpoints(metrics), OpenApiDocument.load(),
                        new PrincipalEndpoints(backends.principals()),
                        new ApiRoutes.DeviceRoutes(new DeviceEndpoints(devices, config.hostname()),
                                new DeviceCredentialEndpoints(devices, config.hostname(), clock),
                                new DeviceImportEndpoint(devices),
                                new ConnectivityEndpoints(devices, backends.connectivity(), backends.liveActivity(),
                                        TelemetryStreamEndpoint.HEARTBEAT_INTERVAL)),
                        new MqttUserEndpoints(backends.users()),
                        new ApiRoutes.ProvisioningRoutes(new ProvisioningEndpoints(backends.provisioning()),
                                new EnrollmentEndpoints(backends.enrollments())),
                        telemetryRoutes(backends.telemetry(), devices)),
                new BearerAuthenticator(backends.principals()));
        this.workers = workers(config);
        this.streamWorkers = streamWorkers();
        this.initializer = new HttpChannelInitializer(dispatcher, mqttTarget(webSocket), workers, streamWorkers,
                config.maxRequestBodyBytes(), config.idleTimeout());
    }

    private static ApiRoutes.TelemetryRoutes telemetryRoutes(TelemetryBackends telemetry, DeviceRegistry devices) {
        return new ApiRoutes.TelemetryRoutes(
                new DeviceMessageEndpoint(telemetry.devices(), devices, telemetry.ingest(), telemetry.maxPayloadBytes(),
                        telemetry.posted()),
                new EventEndpoints(telemetry.stores().events()),
                new ConsumerGroupEndpoints(telemetry.stores(), telemetry.partitions()),
                new TelemetryStreamEndpoint(telemetry.stores().telemetryLog(), devices, telemetry.partitions(),
                        TelemetryStreamEndpoint.HEARTBEAT_INTERVAL));
    }

    /** Binds the port through {@code binder}; returns when it accepts connections. */
    public void start(ListenerBinder binder) throws InterruptedException {
        listener = binder.bind(initializer);
        log.info("HTTP on port {}: API at /api/v1, /health, /metrics", port());
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /**
     * Stops accepting, lets the API requests in hand finish (a few seconds at most), then stops the
     * workers; open connections close with the event loops.
     */
    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        workers.shutdown();
        streamWorkers.shutdown();
        try {
            if (!workers.awaitTermination(WORKER_DRAIN_SECONDS, TimeUnit.SECONDS)) {
                log.warn("API requests still running after {} s; interrupting them", WORKER_DRAIN_SECONDS);
                workers.shutdownNow();
            }
            if (!streamWorkers.awaitTermination(WORKER_DRAIN_SECONDS, TimeUnit.SECONDS)) {
                streamWorkers.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            workers.shutdownNow();
            streamWorkers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        metrics.close();
    }

    /** Fixed threads, a bounded queue, and a refusal (answered 503) when it is full. */
    private static ThreadPoolExecutor workers(HttpServerConfig config) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(config.workerThreads(), config.workerThreads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.workerQueue()),
                task -> new Thread(task, "thingbus-http-worker-" + count.incrementAndGet()),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Two threads that make the pieces of streamed answers. The queue needs no bound of its own: each open
     * stream has at most one piece in the making.
     */
    private static ExecutorService streamWorkers() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(STREAM_THREADS, task -> {
            Thread thread = new Thread(task, "thingbus-http-stream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static WebSocketTarget mqttTarget(MqttWebSocketEndpoint endpoint) {
        return new WebSocketTarget() {
            @Override
            public boolean accepts(String path) {
                return endpoint.accepts(path);
            }

            @Override
            public void upgrade(ChannelHandlerContext httpStage, FullHttpRequest request) {
                endpoint.upgrade(httpStage, request);
            }
        };
    }
}
