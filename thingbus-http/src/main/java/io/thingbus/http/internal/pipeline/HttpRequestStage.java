package io.thingbus.http.internal.pipeline;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.thingbus.errors.ErrorCode;
import io.thingbus.http.internal.routing.Problems;
import io.thingbus.http.internal.routing.Response;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last HTTP stage: a WebSocket upgrade on a path the {@link WebSocketTarget} accepts hands the
 * connection over (after removing the idle timeout, which MQTT keep-alive replaces); every other
 * request goes through the {@link RequestDispatcher}, answered in order on the event loop.
 */
@Sharable
final class HttpRequestStage extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HttpRequestStage.class);

    private final RequestDispatcher dispatcher;
    private final WebSocketTarget webSocket;

    HttpRequestStage(RequestDispatcher dispatcher, WebSocketTarget webSocket) {
        this.dispatcher = dispatcher;
        this.webSocket = webSocket;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(message);
            return;
        }
        boolean handedOver = false;
        try {
            if (!request.decoderResult().isSuccess()) {
                write(ctx, request, Problems.of(ErrorCode.BAD_REQUEST, "malformed HTTP request", "/"), true);
                return;
            }
            String path = new QueryStringDecoder(request.uri()).path();
            if (isWebSocketUpgrade(request) && webSocket.accepts(path)) {
                ctx.pipeline().remove(HttpHandlerNames.HTTP_IDLE);
                handedOver = true;
                webSocket.upgrade(ctx, request);
                return;
            }
            Response response = dispatcher.dispatch(request.method(), request.uri(), request.headers(),
                    ByteBufUtil.getBytes(request.content()));
            write(ctx, request, response, false);
        } finally {
            if (!handedOver) {
                request.release();
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("[http {}] network error: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("[http {}] unexpected error, closing the connection", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private static boolean isWebSocketUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private static void write(ChannelHandlerContext ctx, FullHttpRequest request, Response response, boolean close) {
        boolean keepAlive = !close && HttpUtil.isKeepAlive(request);
        HttpVersion version = request.protocolVersion().equals(HttpVersion.HTTP_1_0) ? HttpVersion.HTTP_1_0
                : HttpVersion.HTTP_1_1;
        FullHttpResponse netty = NettyResponses.toNetty(version, response);
        HttpUtil.setKeepAlive(netty, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(netty);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
