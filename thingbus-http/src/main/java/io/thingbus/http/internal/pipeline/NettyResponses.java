package io.thingbus.http.internal.pipeline;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.thingbus.http.internal.routing.Response;
import java.util.Map;

/** A {@link Response} on the wire. */
final class NettyResponses {

    private NettyResponses() {
    }

    static FullHttpResponse toNetty(HttpVersion version, Response response) {
        FullHttpResponse netty = new DefaultFullHttpResponse(version, response.status(),
                Unpooled.wrappedBuffer(response.body()));
        netty.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        setHeaders(netty.headers(), response);
        return netty;
    }

    /** The head of a streamed response; the caller chooses its framing. */
    static HttpResponse head(HttpVersion version, Response response) {
        HttpResponse head = new DefaultHttpResponse(version, response.status());
        setHeaders(head.headers(), response);
        return head;
    }

    private static void setHeaders(HttpHeaders headers, Response response) {
        if (response.contentType() != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        // answers may carry tokens and live state: never cached
        headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
    }
}
