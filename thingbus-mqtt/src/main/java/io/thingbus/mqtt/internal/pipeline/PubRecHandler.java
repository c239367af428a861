package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.thingbus.mqtt.internal.connection.ClientConnection;

/** PUBREC: the client received a QoS 2 message; the session answers PUBREL (or drops it on an error code). */
final class PubRecHandler implements PacketHandler {

    /** MQTT 5 reason code 0x92: Packet Identifier not found. */
    private static final byte PACKET_ID_NOT_FOUND = (byte) 0x92;

    @Override
    public MqttMessageType type() {
        return MqttMessageType.PUBREC;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message) {
        MqttMessageIdVariableHeader header = (MqttMessageIdVariableHeader) message.variableHeader();
        boolean accepted = !(header instanceof MqttPubReplyMessageVariableHeader reply) || (reply.reasonCode() & 0xFF) < 0x80;
        if (!connection.session().onPubRec(header.messageId(), accepted)) {
            byte reason = connection.client().isMqtt5() ? PACKET_ID_NOT_FOUND : 0;
            ctx.writeAndFlush(PublishHandler.reply(MqttMessageType.PUBREL, header.messageId(), reason));
        }
    }
}
