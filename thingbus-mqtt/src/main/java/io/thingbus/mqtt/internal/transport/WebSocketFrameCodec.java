package io.thingbus.mqtt.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * Unwraps binary (and continuation) frames into the MQTT byte stream and wraps outgoing MQTT bytes
 * into binary frames. Text frames are a protocol error for MQTT and close the connection.
 */
final class WebSocketFrameCodec extends MessageToMessageCodec<Object, ByteBuf> {

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
        out.add(new BinaryWebSocketFrame(bytes.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Object message, List<Object> out) {
        if (message instanceof BinaryWebSocketFrame || message instanceof ContinuationWebSocketFrame) {
            out.add(((WebSocketFrame) message).content().retain());
        } else {
            ctx.close();
        }
    }
}
