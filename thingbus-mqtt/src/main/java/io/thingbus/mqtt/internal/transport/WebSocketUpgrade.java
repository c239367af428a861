package io.thingbus.mqtt.internal.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslHandler;
import io.thingbus.mqtt.internal.connection.ClientTransport;
import io.thingbus.mqtt.internal.pipeline.ChannelHandlerNames;
import io.thingbus.mqtt.internal.pipeline.MqttChannelInitializer;

/**
 * MQTT over WebSocket (MQTT 5 section 6): turns an HTTP connection whose request is a WebSocket
 * upgrade into an MQTT connection carried in binary frames, sub-protocol {@code mqtt} (and the older
 * {@code mqttv3.1}). The HTTP server owns the port and the HTTP stages; this class adds the WebSocket
 * and MQTT stages after them, and Netty's handshaker then swaps the HTTP codec for the WebSocket one.
 */
public final class WebSocketUpgrade {

    private final MqttChannelInitializer mqtt;
    private final int maxPacketSize;

    public WebSocketUpgrade(MqttChannelInitializer mqtt, int maxPacketSize) {
        this.mqtt = mqtt;
        this.maxPacketSize = maxPacketSize;
    }

    /**
     * Takes the channel over, on its event loop: registers the MQTT connection (its CONNECT timeout
     * starts now), appends the WebSocket and MQTT stages, removes {@code httpStage} and hands the
     * upgrade request to the handshake, which answers 101 and replaces the HTTP codec. Takes
     * ownership of {@code request}.
     */
    public void upgrade(ChannelHandlerContext httpStage, FullHttpRequest request) {
        ChannelPipeline pipeline = httpStage.pipeline();
        // the HTTP port is plain today; should TLS come in front of it, its clients count as wss
        boolean secure = pipeline.get(SslHandler.class) != null;
        mqtt.registerConnection(httpStage.channel(), secure ? ClientTransport.WSS : ClientTransport.WS);
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_PROTOCOL, new WebSocketServerProtocolHandler(
                webSocketConfig(new QueryStringDecoder(request.uri()).rawPath())));
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_FRAMES, new WebSocketFrameCodec());
        mqtt.addMqttStages(pipeline);
        httpStage.fireChannelRead(request);
        pipeline.remove(httpStage.name());
    }

    private WebSocketServerProtocolConfig webSocketConfig(String rawPath) {
        // The HTTP server has matched the path already; the query string (Azure IoT SDKs send one) may follow it.
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(rawPath)
                .checkStartsWith(true)
                .subprotocols("mqtt,mqttv3.1")
                .maxFramePayloadLength(maxPacketSize)
                .allowExtensions(false)
                .build();
    }
}
