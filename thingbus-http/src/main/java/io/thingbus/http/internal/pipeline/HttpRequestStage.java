package io.thingbus.http.internal.pipeline;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.thingbus.errors.ErrorCode;
import io.thingbus.http.internal.routing.Problems;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.http.internal.routing.Router;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last HTTP stage, one per connection. A WebSocket upgrade on a path the {@link WebSocketTarget}
 * accepts hands the connection over (after removing the idle timeout, which MQTT keep-alive replaces).
 * Every other request goes through the {@link RequestDispatcher}: {@code /health}, {@code /metrics} and
 * other paths outside the API on the event loop, API requests on the workers, because registry writes
 * wait for the disk. When the workers' queue is full the answer is 503 {@code SERVER_BUSY}.
 *
 * <p>Responses leave in request order: while a request is with the workers the connection stops
 * reading ({@code autoRead} off), requests the decoder had already produced wait here, and the next one
 * is taken only once the answer is written. The idle timeout does not close a connection while its
 * request is being handled. All state is touched on the channel's event loop only.
 *
 * <p>A streamed answer ({@link Response#stream()}) is written by a {@link StreamWriter}, its pieces made
 * on the stream workers; the request counts as in hand until the last piece is written. Meanwhile the
 * connection reads again, so that a client going away is noticed at once; a request pipelined behind the
 * stream waits here, and reading stops again until the stream ends.
 */
final class HttpRequestStage extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HttpRequestStage.class);

    private final RequestDispatcher dispatcher;
    private final WebSocketTarget webSocket;
    private final Executor workers;
    private final Executor streamWorkers;
    /** Pipelined requests that arrived while one was with the workers. */
    private final Deque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;
    private boolean closing;
    /** The streamed answer being written, or null. */
    private StreamWriter streaming;

    HttpRequestStage(RequestDispatcher dispatcher, WebSocketTarget webSocket, Executor workers, Executor streamWorkers) {
        this.dispatcher = dispatcher;
        this.webSocket = webSocket;
        this.workers = workers;
        this.streamWorkers = streamWorkers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof FullHttpRequest request) || closing) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (busy) {
            waiting.add(request);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        handle(ctx, request);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseWaiting();
        endStreaming();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        endStreaming();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (streaming != null) {
            streaming.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            if (!busy) {
                ctx.close();
            }
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

    /** One request, with none in flight before it. Releases it, unless handed over to the WebSocket target. */
    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean handedOver = false;
        try {
            if (!request.decoderResult().isSuccess()) {
                write(ctx, Framing.closing(request), Problems.of(ErrorCode.BAD_REQUEST, "malformed HTTP request", "/"));
                return;
            }
            String path = new QueryStringDecoder(request.uri()).path();
            if (isWebSocketUpgrade(request) && webSocket.accepts(path)) {
                ctx.pipeline().remove(HttpHandlerNames.HTTP_IDLE);
                handedOver = true;
                webSocket.upgrade(ctx, request);
                return;
            }
            Call call = new Call(request.method(), request.uri(), request.headers(),
                    ByteBufUtil.getBytes(request.content()), peerAddress(ctx));
            if (Router.isApiPath(path)) {
                handOff(ctx, Framing.of(request), call);
            } else {
                write(ctx, Framing.of(request), call.dispatch(dispatcher));
            }
        } finally {
            if (!handedOver) {
                request.release();
            }
        }
    }

    private void handOff(ChannelHandlerContext ctx, Framing framing, Call call) {
        CompletableFuture<Response> answered;
        try {
            answered = CompletableFuture.supplyAsync(() -> call.dispatch(dispatcher), workers);
        } catch (RejectedExecutionException full) {
            write(ctx, framing, Problems.of(ErrorCode.SERVER_BUSY, "the hub has too many API requests in hand; "
                    + "retry shortly", new QueryStringDecoder(call.uri()).rawPath()));
            return;
        }
        busy = true;
        ctx.channel().config().setAutoRead(false);
        answered.whenComplete((response, failure) -> ctx.executor().execute(() -> {
            if (response != null && response.stream() != null) {
                stream(ctx, framing, response);
                return;
            }
            busy = false;
            write(ctx, framing, response != null ? response : crashed(call, failure));
            takeNext(ctx);
        }));
    }

    /** Writes a streamed answer; the request stays in hand (busy) until its last piece is written. */
    private void stream(ChannelHandlerContext ctx, Framing framing, Response response) {
        if (closing || !ctx.channel().isActive()) {
            response.stream().close();
            return;
        }
        boolean keepAlive = framing.keepAlive() && framing.version().equals(HttpVersion.HTTP_1_1);
        streaming = new StreamWriter(ctx, response.stream(), streamWorkers, keepAlive, () -> {
            streaming = null;
            busy = false;
            if (keepAlive) {
                takeNext(ctx);
            } else {
                closing = true;
                releaseWaiting();
            }
        });
        if (waiting.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
        }
        streaming.start(framing.version(), response);
    }

    private void endStreaming() {
        if (streaming != null) {
            streaming.closed();
            streaming = null;
        }
    }

    /** Serves the requests that waited, in order, until one goes to the workers; then reads again. */
    private void takeNext(ChannelHandlerContext ctx) {
        while (!busy && !waiting.isEmpty() && !closing) {
            handle(ctx, waiting.poll());
        }
        if (!busy && !closing) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private static Response crashed(Call call, Throwable failure) {
        String rawPath = new QueryStringDecoder(call.uri()).rawPath();
        log.error("[http {} {}] unexpected error, answered 500", call.method(), rawPath, failure);
        return Problems.of(ErrorCode.UNSPECIFIED, "unexpected error; the hub's log has the details", rawPath);
    }

    private void releaseWaiting() {
        FullHttpRequest request;
        while ((request = waiting.poll()) != null) {
            request.release();
        }
    }

    /** The peer's IP address without its port, as the failure limits count it (the MQTT side does the same). */
    private static String peerAddress(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }

    private static boolean isWebSocketUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private void write(ChannelHandlerContext ctx, Framing framing, Response response) {
        FullHttpResponse netty = NettyResponses.toNetty(framing.version(), response);
        HttpUtil.setKeepAlive(netty, framing.keepAlive());
        ChannelFuture written = ctx.writeAndFlush(netty);
        if (!framing.keepAlive()) {
            closing = true;
            releaseWaiting();
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** What a request needs once its buffers are released: everything the dispatcher reads, body copied. */
    private record Call(HttpMethod method, String uri, HttpHeaders headers, byte[] body, String remoteAddress) {

        Response dispatch(RequestDispatcher dispatcher) {
            return dispatcher.dispatch(method, uri, headers, body, remoteAddress);
        }
    }

    /** How the answer to a request is framed: its HTTP version, and whether the connection stays open. */
    private record Framing(HttpVersion version, boolean keepAlive) {

        static Framing of(FullHttpRequest request) {
            return new Framing(versionOf(request), HttpUtil.isKeepAlive(request));
        }

        static Framing closing(FullHttpRequest request) {
            return new Framing(versionOf(request), false);
        }

        private static HttpVersion versionOf(FullHttpRequest request) {
            return request.protocolVersion().equals(HttpVersion.HTTP_1_0) ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
        }
    }
}
