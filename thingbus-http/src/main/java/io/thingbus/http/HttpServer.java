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
import io.thingbus.http.internal.pipeline.HttpChannelInitializer;
import io.thingbus.http.internal.pipeline.RequestDispatcher;
import io.thingbus.http.internal.pipeline.WebSocketTarget;
import io.thingbus.mqtt.MqttMetrics;
import io.thingbus.mqtt.MqttWebSocketEndpoint;
import io.thingbus.registry.ServicePrincipals;
import io.thingbus.registry.provisioning.Enrollments;
import io.thingbus.registry.provisioning.ProvisioningService;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP port: the management API under {@code /api/v1} (bearer tokens; devices registering
 * through provisioning bring a SAS token instead), {@code /health},
 * {@code /metrics}, and MQTT over WebSocket, whose upgrades it hands to the broker. Start once,
 * close once, before the broker whose event loops it runs on.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

    private final HubMetrics metrics;
    private final HttpChannelInitializer initializer;
    private Channel listener;

    public HttpServer(HttpServerConfig config, ServicePrincipals principals, MqttWebSocketEndpoint webSocket,
                      MqttMetrics mqttMetrics, ProvisioningService provisioning, Enrollments enrollments) {
        this.metrics = new HubMetrics(mqttMetrics);
        RequestDispatcher dispatcher = new RequestDispatcher(
                ApiRoutes.router(new SystemEndpoints(metrics), OpenApiDocument.load(), new PrincipalEndpoints(principals),
                        new ProvisioningEndpoints(provisioning), new EnrollmentEndpoints(enrollments)),
                new BearerAuthenticator(principals));
        this.initializer = new HttpChannelInitializer(dispatcher, mqttTarget(webSocket), config.maxRequestBodyBytes(),
                config.idleTimeout());
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

    /** Stops accepting; open connections close with the event loops. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close().syncUninterruptibly();
        }
        metrics.close();
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
