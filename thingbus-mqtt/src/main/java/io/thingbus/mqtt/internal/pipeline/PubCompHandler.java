package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PUBCOMP: a QoS 2 delivery to the client is complete; its slot in the receive window frees up. */
final class PubCompHandler implements PacketHandler {

    private static final Logger log = LoggerFactory.getLogger(PubCompHandler.class);

    @Override
    public MqttMessageType type() {
        return MqttMessageType.PUBCOMP;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message) {
        int packetId = ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
        if (!connection.session().onPubComp(packetId)) {
            log.debug("[{}] PUBCOMP for unknown packet id {}", connection.logContext(), packetId);
        }
    }
}
