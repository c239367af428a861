package io.thingbus.mqtt.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.ConnectionState;
import io.thingbus.mqtt.internal.transport.WebSocketUpgrade;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-over from the HTTP server: an HTTP pipeline (codec, aggregator, a stand-in for the HTTP
 * module's request stage) upgrades to MQTT over WebSocket, then carries CONNECT and CONNACK in
 * binary frames.
 */
class WebSocketUpgradeTest {

    private static final String HANDSHAKE = "GET /mqtt HTTP/1.1\r\n"
            + "Host: hub\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Protocol: mqtt\r\n"
            + "\r\n";

    private final EmbeddedBroker broker = new EmbeddedBroker();
    private final WebSocketUpgrade upgrade = new WebSocketUpgrade(broker.initializer, broker.config.maxPacketSize());
    private final EmbeddedChannel server = new EmbeddedChannel();

    WebSocketUpgradeTest() {
        server.pipeline().addLast("http-codec", new HttpServerCodec());
        server.pipeline().addLast("http-aggregator", new HttpObjectAggregator(65_536));
        server.pipeline().addLast("http-requests", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                upgrade.upgrade(ctx, (FullHttpRequest) message);
            }
        });
    }

    @AfterEach
    void close() {
        server.finishAndReleaseAll();
        broker.close();
    }

    @Test
    void answers101WithTheMqttSubprotocolAndLeavesOnlyWebSocketAndMqttStages() {
        String response = handshake();

        // RFC 6455 4.2.2: 101 with the accept key of the sample nonce; MQTT 5 6.0: sub-protocol "mqtt"
        assertThat(response).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        assertThat(response.toLowerCase()).contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo=")
                .contains("sec-websocket-protocol: mqtt");
        assertThat(server.pipeline().names()).doesNotContain("http-codec", "http-aggregator", "http-requests")
                .containsSubsequence(ChannelHandlerNames.WEBSOCKET_PROTOCOL, ChannelHandlerNames.WEBSOCKET_FRAMES,
                        ChannelHandlerNames.MQTT_DECODER, ChannelHandlerNames.PACKET_DISPATCHER);
        assertThat(ClientConnection.of(server).state()).isEqualTo(ConnectionState.AWAITING_CONNECT);
        assertThat(broker.keepAlive.size()).as("CONNECT timeout runs from the upgrade").isEqualTo(1);
    }

    @Test
    void carriesMqttInBinaryFramesAfterTheUpgrade() {
        handshake();
        EmbeddedChannel client = new EmbeddedChannel(MqttEncoder.INSTANCE);
        client.writeOutbound(EmbeddedClient.connectPacket(MqttVersion.MQTT_3_1_1, "ws-client").build());
        ByteBuf connectBytes = client.readOutbound();
        client.finishAndReleaseAll();
        EmbeddedChannel framed = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
        framed.writeOutbound(new BinaryWebSocketFrame(connectBytes));
        ByteBuf framedConnect = framed.readOutbound();
        server.writeInbound(framedConnect);
        framed.finishAndReleaseAll();

        EmbeddedChannel reader = new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 65_536));
        ByteBuf written;
        while ((written = server.readOutbound()) != null) {
            reader.writeInbound(written);
        }
        BinaryWebSocketFrame frame = reader.readInbound();
        EmbeddedChannel mqtt = new EmbeddedChannel(new MqttDecoder());
        mqtt.writeInbound(frame.content());
        MqttConnAckMessage connAck = mqtt.readInbound();
        reader.finishAndReleaseAll();
        mqtt.finishAndReleaseAll();

        assertThat(connAck.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(ClientConnection.of(server).state()).isEqualTo(ConnectionState.CONNECTED);
    }

    private String handshake() {
        server.writeInbound(Unpooled.copiedBuffer(HANDSHAKE, StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder();
        ByteBuf written;
        while ((written = server.readOutbound()) != null) {
            out.append(written.toString(StandardCharsets.US_ASCII));
            written.release();
        }
        return out.toString();
    }
}
