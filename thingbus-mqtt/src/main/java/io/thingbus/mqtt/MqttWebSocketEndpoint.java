package io.thingbus.mqtt;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.thingbus.mqtt.internal.transport.WebSocketUpgrade;
import java.util.Set;

/**
 * MQTT over WebSocket as the HTTP server sees it: which paths carry MQTT, and the hand-over of a
 * connection whose request is a WebSocket upgrade on one of them. The HTTP server owns the port and
 * its HTTP stages; after {@link #upgrade} the channel is an MQTT connection like any other.
 */
public final class MqttWebSocketEndpoint {

    private final Set<String> paths;
    private final WebSocketUpgrade upgrade;

    MqttWebSocketEndpoint(Set<String> paths, WebSocketUpgrade upgrade) {
        this.paths = Set.copyOf(paths);
        this.upgrade = upgrade;
    }

    /**
     * The decoded request paths that carry MQTT: the configured one ({@code /mqtt}) and
     * {@link MqttServerConfig#AZURE_IOT_WEBSOCKET_PATH}.
     */
    public Set<String> paths() {
        return paths;
    }

    /** Whether a WebSocket upgrade on this decoded path (no query string) is MQTT's. */
    public boolean accepts(String path) {
        return paths.contains(path);
    }

    /**
     * Takes the channel over, on its event loop: appends the WebSocket and MQTT stages after
     * {@code httpStage}, removes {@code httpStage}, and answers the upgrade (101, sub-protocol
     * {@code mqtt}). The HTTP server must have removed its own stages other than its codec and
     * aggregator, which the handshake replaces. Takes ownership of {@code request}.
     */
    public void upgrade(ChannelHandlerContext httpStage, FullHttpRequest request) {
        upgrade.upgrade(httpStage, request);
    }
}
