package io.thingbus.http.internal.pipeline;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.thingbus.errors.ErrorCode;
import io.thingbus.http.internal.routing.Problems;

/**
 * Collects a request and its body up to the limit. A larger body is answered 413 as problem+json
 * without reading it: on a keep-alive connection the rest of the body is skipped and the next
 * request served, otherwise the connection is closed. A client that waits for 100-continue gets
 * the 413 instead and never sends the body.
 */
final class BoundedAggregator extends HttpObjectAggregator {

    private final int maxBodyBytes;

    BoundedAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A client waiting for 100-continue with a declared body over the limit gets the 413 instead, and sends no body. */
    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object standard = super.newContinueResponse(start, maxContentLength, pipeline);
        if (start instanceof HttpRequest request && standard instanceof FullHttpResponse plain
                && plain.status().code() == ErrorCode.PAYLOAD_TOO_LARGE.httpStatus()) {
            ReferenceCountUtil.release(plain);
            return tooLarge(request);
        }
        return standard;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (!(oversized instanceof HttpRequest request)) {
            ctx.close();
            return;
        }
        boolean close = oversized instanceof FullHttpMessage || HttpUtil.is100ContinueExpected(request)
                || !HttpUtil.isKeepAlive(request);
        FullHttpResponse response = tooLarge(request);
        HttpUtil.setKeepAlive(response, !close);
        ctx.writeAndFlush(response).addListener(close ? ChannelFutureListener.CLOSE : ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    private FullHttpResponse tooLarge(HttpRequest request) {
        return NettyResponses.toNetty(request.protocolVersion(), Problems.of(ErrorCode.PAYLOAD_TOO_LARGE,
                "the body is larger than " + maxBodyBytes + " bytes", new QueryStringDecoder(request.uri()).rawPath()));
    }
}
