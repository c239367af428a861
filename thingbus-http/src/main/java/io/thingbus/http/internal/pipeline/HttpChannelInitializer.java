package io.thingbus.http.internal.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The stages of every connection to the HTTP port, in one place: codec, idle timeout, aggregator
 * (with the body limit), then requests. A WebSocket upgrade later replaces all of them but the
 * codec's successor (see {@link WebSocketTarget}).
 */
public final class HttpChannelInitializer extends ChannelInitializer<Channel> {

    private final int maxBodyBytes;
    private final long idleMillis;
    private final HttpRequestStage requests;

    public HttpChannelInitializer(RequestDispatcher dispatcher, WebSocketTarget webSocket, int maxBodyBytes,
                                  Duration idleTimeout) {
        this.maxBodyBytes = maxBodyBytes;
        this.idleMillis = idleTimeout.toMillis();
        this.requests = new HttpRequestStage(dispatcher, webSocket);
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
        pipeline.addLast(HttpHandlerNames.HTTP_REQUESTS, requests);
    }
}
