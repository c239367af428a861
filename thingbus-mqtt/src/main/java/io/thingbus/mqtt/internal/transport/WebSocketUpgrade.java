package io.thingbus.mqtt.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.thingbus.mqtt.internal.pipeline.ChannelHandlerNames;
import io.thingbus.mqtt.internal.pipeline.MqttChannelInitializer;

/**
 * MQTT over WebSocket (MQTT 5 section 6): an HTTP server whose upgrade path carries MQTT in binary
 * frames, sub-protocol {@code mqtt} (and the older {@code mqttv3.1}). Other HTTP requests get 404.
 */
public final class WebSocketChannelInitializer extends ChannelInitializer<Channel> {

    private static final int MAX_HANDSHAKE_BYTES = 65_536;

    private final MqttChannelInitializer mqtt;
    private final WebSocketServerProtocolConfig webSocketConfig;

    public WebSocketChannelInitializer(MqttChannelInitializer mqtt, String path, int maxPacketSize) {
        this.mqtt = mqtt;
        this.webSocketConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(path)
                .subprotocols("mqtt,mqttv3.1")
                .maxFramePayloadLength(maxPacketSize)
                .allowExtensions(false)
                .build();
    }

    @Override
    protected void initChannel(Channel channel) {
        mqtt.registerConnection(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_HTTP_CODEC, new HttpServerCodec());
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_AGGREGATOR, new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_PROTOCOL, new WebSocketServerProtocolHandler(webSocketConfig));
        pipeline.addLast(ChannelHandlerNames.WEBSOCKET_FRAMES, new WebSocketFrameCodec());
        mqtt.addMqttStages(pipeline);
    }
}
