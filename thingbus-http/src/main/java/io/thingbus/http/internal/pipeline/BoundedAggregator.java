package io.thingbus.http.internal.pipeline;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.thingbus.errors.ErrorCode;
import io.thingbus.http.internal.routing.Problems;

/**
 * Collects a request and its body up to the limit; a larger body is answered 413 as problem+json and
 * the connection closed (the rest of the body is never read).
 */
final class BoundedAggregator extends HttpObjectAggregator {

    private final int maxBodyBytes;

    BoundedAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (!(oversized instanceof HttpRequest request)) {
            ctx.close();
            return;
        }
        String path = new QueryStringDecoder(request.uri()).rawPath();
        ctx.writeAndFlush(NettyResponses.toNetty(HttpVersion.HTTP_1_1, Problems.of(ErrorCode.PAYLOAD_TOO_LARGE,
                        "the body is larger than " + maxBodyBytes + " bytes", path)
                        .withHeader("Connection", "close")))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
