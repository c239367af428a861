package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.thingbus.mqtt.internal.connection.ClientConnection;

/**
 * PUBREL: the client releases a QoS 2 message it sent; the hub forgets its packet id and answers
 * PUBCOMP once that is durable, so a restarted hub never mistakes the client's next message with
 * the same packet id for a resend of the released one.
 */
final class PubRelHandler implements PacketHandler {

    /** MQTT 5 reason code 0x92: Packet Identifier not found. */
    private static final byte PACKET_ID_NOT_FOUND = (byte) 0x92;

    private final DurableAcknowledger acknowledger;

    PubRelHandler(DurableAcknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    @Override
    public MqttMessageType type() {
        return MqttMessageType.PUBREL;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message) {
        int packetId = ((MqttMessageIdVariableHeader) message.variableHeader()).messageId();
        byte reason = 0;
        if (connection.session().releaseInboundQos2(packetId)) {
            connection.inboundCompleted();
        } else if (connection.client().isMqtt5()) {
            reason = PACKET_ID_NOT_FOUND;
        }
        acknowledger.acknowledge(ctx, connection, PublishHandler.reply(MqttMessageType.PUBCOMP, packetId, reason), () -> { });
    }
}
