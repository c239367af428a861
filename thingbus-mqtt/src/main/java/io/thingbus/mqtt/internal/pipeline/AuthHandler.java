package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;

/**
 * AUTH: the hub offers no MQTT 5 enhanced authentication, so no CONNECT can have started an
 * exchange, and an AUTH packet is a protocol error (MQTT 5 section 4.12).
 */
final class AuthHandler implements PacketHandler {

    private final MqttServerDisconnector disconnector;

    AuthHandler(MqttServerDisconnector disconnector) {
        this.disconnector = disconnector;
    }

    @Override
    public MqttMessageType type() {
        return MqttMessageType.AUTH;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message) {
        disconnector.disconnect(connection, ErrorCode.PROTOCOL_ERROR, "AUTH without an authentication method");
    }
}
