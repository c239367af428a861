package io.thingbus.mqtt.internal.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Set;

/**
 * Lets through to the WebSocket handshake only requests for one of the MQTT paths ({@code /mqtt}, and
 * {@code /$iothub/websocket} where Azure IoT device SDKs dial), whatever their query string; any other
 * path is answered 404 and closed. WebSocket frames after the upgrade pass untouched.
 */
@Sharable
final class WebSocketPathFilter extends ChannelInboundHandlerAdapter {

    private final Set<String> paths;

    WebSocketPathFilter(Set<String> paths) {
        for (String path : paths) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a WebSocket path must start with '/', was " + path);
            }
        }
        this.paths = Set.copyOf(paths);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof FullHttpRequest request && !paths.contains(new QueryStringDecoder(request.uri()).path())) {
            DefaultFullHttpResponse notFound = new DefaultFullHttpResponse(request.protocolVersion(),
                    HttpResponseStatus.NOT_FOUND);
            notFound.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            request.release();
            ctx.writeAndFlush(notFound).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(message);
    }
}
