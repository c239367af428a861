package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PUBACK: the client has a QoS 1 message; its slot in the receive window frees up. */
final class PubAckHandler implements PacketHandler {

    private static final Logger log = LoggerFactory.getLogger(PubAckHandler.class);

    @Override
    public MqttMessageType type() {
        return MqttMessageType.PUBACK;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message) {
        int packetId = ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
        if (!connection.session().onPubAck(packetId)) {
            log.debug("[{}] PUBACK for unknown packet id {}", connection.logContext(), packetId);
        }
    }
}
