package io.thingbus.mqtt.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.thingbus.mqtt.internal.connection.ClientTransport;
import io.thingbus.mqtt.internal.pipeline.ChannelHandlerNames;
import io.thingbus.mqtt.internal.pipeline.MqttChannelInitializer;
import io.thingbus.mqtt.internal.tls.ServerTls;
import java.util.Set;

/**
 * MQTT over secure WebSocket (MQTT 5 section 6) on the HTTPS port: an HTTP server whose upgrade paths
 * carry MQTT in binary frames, sub-protocol {@code mqtt} (and the older {@code mqttv3.1}). Requests for
 * any other path get 404 ({@link WebSocketPathFilter}). The plain HTTP port is not built here: the HTTP
 * server owns it and hands upgrades over through {@link WebSocketUpgrade}.
 */
public final class WebSocketChannelInitializer extends ChannelInitializer<Channel> {

    private static final int MAX_HANDSHAKE_BYTES = 65_536;

    private final MqttChannelInitializer mqtt;
    private final ServerTls tls;
    private final WebSocketPathFilter pathFilter;
    private final WebSocketServerProtocolConfig webSocketConfig;

    /** Plain WebSocket, upgrading on any of {@code paths} (query strings ignored): for tests of these stages. */
    public WebSocketChannelInitializer(MqttChannelInitializer mqtt, Set<String> paths, int maxPacketSize) {
        this(mqtt, paths, maxPacketSize, null);
    }

    /** Secure WebSocket when {@code tls} is given, else plain. */
    public WebSocketChannelInitializer(MqttChannelInitializer mqtt, Set<String> paths, int maxPacketSize,
                                       ServerTls tls) {
        this.mqtt = mqtt;
        this.tls = tls;
        this.pathFilter = new WebSocketPathFilter(paths);
        this.webSocketConfig = WebSocketServerProtocolConfig.newBuilder()
                // every request reaching this stage is on an MQTT path (the filter before it saw to that),
                // so match them all, query string included (Azure IoT SDKs add ?iothub-no-client-cert=true)
                .websocketPath("/")
                .checkStartsWith(true)
                .subprotocols("mqtt,mqttv3.1")
                .maxFramePayloadLength(maxPacketSize)
                .allowExtensions(false)
                .build();
    }

    @Override
    protected void initChannel(Channel channel) {
        mqtt.registerConnection(channel, tls == null ? ClientTransport.WS : ClientTransport.WSS);
        if (tls != null) {
            tls.addTlsStages(channel);
        }
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_HTTP_CODEC, new HttpServerCodec());
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_AGGREGATOR, new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_PATH, pathFilter);
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_PROTOCOL, new WebSocketServerProtocolHandler(webSocketConfig));
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_FRAMES, new WebSocketFrameCodec());
        mqtt.addMqttStages(pipeline);
    }
}
