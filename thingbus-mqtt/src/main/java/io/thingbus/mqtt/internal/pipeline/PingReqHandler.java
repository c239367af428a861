package io.thingbus.mqtt.internal.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.thingbus.mqtt.internal.connection.ClientConnection;

/**
 * PINGREQ: answers PINGRESP from one pre-encoded, never-released buffer, so keep-alive traffic from
 * a million devices allocates nothing but a duplicate view per answer.
 */
final class PingReqHandler implements PacketHandler {

    /** PINGRESP: packet type 13 in the high nibble, remaining length 0. */
    private static final ByteBuf PINGRESP = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2, 2).writeByte(0xD0).writeByte(0x00)).asReadOnly();

    @Override
    public MqttMessageType type() {
        return MqttMessageType.PINGREQ;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message) {
        ctx.writeAndFlush(PINGRESP.duplicate(), ctx.voidPromise());
    }
}
