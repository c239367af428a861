package io.thingbus.http.internal.pipeline;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.thingbus.http.internal.routing.BodyStream;
import io.thingbus.http.internal.routing.BodyStream.Chunk;
import io.thingbus.http.internal.routing.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one streamed response: the head (chunked on HTTP/1.1; on HTTP/1.0 the body ends with the
 * connection), then the pieces its {@link BodyStream} produces on a stream worker, then the last chunk.
 *
 * <p><b>Back-pressure.</b> At most one piece is asked for at a time, and only while the channel is
 * writable; a full socket stops the asking until Netty says it is writable again, so a slow client costs
 * at most one piece of memory. A stream that has nothing now waits for its wake-up, never polls.
 *
 * <p>All state is touched on the channel's event loop, except the wake-up flag.
 */
final class StreamWriter {

    private static final Logger log = LoggerFactory.getLogger(StreamWriter.class);

    private final ChannelHandlerContext ctx;
    private final BodyStream stream;
    private final Executor streamWorkers;
    private final boolean keepAlive;
    private final Runnable ended;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private ScheduledFuture<?> heartbeats;
    /** A pull may find something: set by a wake-up and after a piece with bytes, cleared when a pull starts. */
    private boolean more = true;
    private boolean pulling;
    private boolean finished;

    /**
     * @param ended run on the event loop once the last chunk is written (not when the connection closes
     *              first); the connection is closed instead when it is not kept alive
     */
    StreamWriter(ChannelHandlerContext ctx, BodyStream stream, Executor streamWorkers, boolean keepAlive, Runnable ended) {
        this.ctx = ctx;
        this.stream = stream;
        this.streamWorkers = streamWorkers;
        this.keepAlive = keepAlive;
        this.ended = ended;
    }

    /** Writes the head and starts pulling; on the event loop. */
    void start(HttpVersion version, Response response) {
        HttpResponse head = NettyResponses.head(version, response);
        if (version.equals(HttpVersion.HTTP_1_0)) {
            HttpUtil.setKeepAlive(head, false);
        } else {
            HttpUtil.setTransferEncodingChunked(head, true);
            HttpUtil.setKeepAlive(head, keepAlive);
        }
        ctx.writeAndFlush(head).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        stream.open(this::wake);
        Duration interval = stream.heartbeatInterval();
        if (interval != null) {
            heartbeats = ctx.executor().scheduleAtFixedRate(this::heartbeat, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        pump();
    }

    /** The channel's writability changed; on the event loop. */
    void writabilityChanged() {
        pump();
    }

    /** The connection closed before the body ended; on the event loop. */
    void closed() {
        finish();
    }

    /** From any thread: the stream may have more. */
    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            ctx.executor().execute(() -> {
                wakePending.set(false);
                more = true;
                pump();
            });
        }
    }

    private void pump() {
        if (finished || pulling || !more || !ctx.channel().isWritable()) {
            return;
        }
        more = false;
        pulling = true;
        try {
            CompletableFuture.supplyAsync(stream::next, streamWorkers)
                    .whenComplete((chunk, failure) -> ctx.executor().execute(() -> pulled(chunk, failure)));
        } catch (RejectedExecutionException stopping) {
            ctx.close();
            finish();
        }
    }

    private void pulled(Chunk chunk, Throwable failure) {
        pulling = false;
        if (finished) {
            return;
        }
        if (failure != null) {
            // the head is out: the only way left to say the body is broken is to cut it
            log.error("[http {}] a streamed body failed; closing the connection", ctx.channel().remoteAddress(), failure);
            ctx.close();
            finish();
            return;
        }
        if (chunk.bytes().length > 0) {
            ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk.bytes())));
            more = true;
        }
        if (chunk.last()) {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                    .addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
            finish();
            ended.run();
            return;
        }
        ctx.flush();
        pump();
    }

    private void heartbeat() {
        if (!finished && ctx.channel().isWritable()) {
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(stream.heartbeat())))
                    .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        stream.close();
    }
}
