package io.thingbus.http.internal.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The stages of every connection to the HTTP port, in one place: codec, idle timeout, aggregator
 * (with the body limit), then requests. A WebSocket upgrade later replaces all of them but the
 * codec's successor (see {@link WebSocketTarget}). API requests run on {@code workers}, the pieces of
 * streamed answers on {@code streamWorkers}.
 */
public final class HttpChannelInitializer extends ChannelInitializer<Channel> {

    private final int maxBodyBytes;
    private final long idleMillis;
    private final RequestDispatcher dispatcher;
    private final WebSocketTarget webSocket;
    private final Executor workers;
    private final Executor streamWorkers;

    /**
     * @param workers       run API requests
     * @param streamWorkers make the pieces of streamed answers (exports, the live telemetry stream), one piece
     *                      per stream at a time
     */
    public HttpChannelInitializer(RequestDispatcher dispatcher, WebSocketTarget webSocket, Executor workers,
                                  Executor streamWorkers, int maxBodyBytes, Duration idleTimeout) {
        this.maxBodyBytes = maxBodyBytes;
        this.idleMillis = idleTimeout.toMillis();
        this.dispatcher = dispatcher;
        this.webSocket = webSocket;
        this.workers = workers;
        this.streamWorkers = streamWorkers;
    }

    @Override
    protected void initChannel(Channel channel) {
        addStages(channel.pipeline());
    }

    /** Appends the HTTP stages; also what tests use on an embedded channel. */
    public void addStages(ChannelPipeline pipeline) {
        pipeline.addLast(HttpHandlerNames.HTTP_CODEC, new HttpServerCodec());
        pipeline.addLast(HttpHandlerNames.HTTP_IDLE, new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
        pipeline.addLast(HttpHandlerNames.HTTP_AGGREGATOR, new BoundedAggregator(maxBodyBytes));
        pipeline.addLast(HttpHandlerNames.HTTP_REQUESTS, new HttpRequestStage(dispatcher, webSocket, workers, streamWorkers));
    }
}
