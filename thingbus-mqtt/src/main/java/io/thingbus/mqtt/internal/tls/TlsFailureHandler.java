package io.thingbus.mqtt.internal.tls;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right behind the {@code tls} stage: a client that fails the handshake (does not trust the hub's
 * certificate, speaks plain MQTT to the TLS port, offers no common protocol) or breaks the TLS record
 * layer later is the client's problem, not the hub's. It is logged at debug with the remote address
 * and its connection is closed; the exception goes no further, so it never reaches the last stage's
 * warning with a stack trace.
 */
@Sharable
final class TlsFailureHandler extends ChannelInboundHandlerAdapter {

    static final TlsFailureHandler INSTANCE = new TlsFailureHandler();

    private static final Logger log = LoggerFactory.getLogger(TlsFailureHandler.class);

    private TlsFailureHandler() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent completion && !completion.isSuccess()) {
            log.debug("[conn={}] TLS handshake failed: {}", ctx.channel().remoteAddress(),
                    describe(completion.cause()));
            ctx.close();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SSLException tlsFailure = tlsFailure(cause);
        if (tlsFailure == null) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls != null && tls.handshakeFuture().isSuccess()) {
            log.debug("[conn={}] TLS failure, closing the connection: {}", ctx.channel().remoteAddress(),
                    describe(tlsFailure));
        } // else the handshake failed: its completion event logs it, once
        ctx.close();
    }

    /** The TLS exception in a cause chain (the {@code tls} stage wraps it in a DecoderException), or null. */
    static SSLException tlsFailure(Throwable cause) {
        for (Throwable current = cause; current != null; current = current.getCause()) {
            if (current instanceof SSLException ssl) {
                return ssl;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof NotSslRecordException) {
            return "not a TLS record (plain MQTT on the TLS port?)";
        }
        SSLException tlsFailure = tlsFailure(cause);
        Throwable shown = tlsFailure != null ? tlsFailure : cause;
        return shown.getClass().getSimpleName() + ": " + shown.getMessage();
    }
}
