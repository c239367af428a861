package io.thingbus.mqtt.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.channel.ChannelFutureListener;
import java.util.List;

/**
 * Unwraps binary (and continuation) frames into the MQTT byte stream and wraps outgoing MQTT bytes
 * into binary frames. A plain HTTP request that was not a WebSocket upgrade on the MQTT path is
 * answered 404 and closed; text frames are a protocol error for MQTT and close the connection.
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
        } else if (message instanceof FullHttpRequest) {
            DefaultFullHttpResponse notFound = new DefaultFullHttpResponse(
                    ((FullHttpRequest) message).protocolVersion(), HttpResponseStatus.NOT_FOUND);
            notFound.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            ctx.writeAndFlush(notFound).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
