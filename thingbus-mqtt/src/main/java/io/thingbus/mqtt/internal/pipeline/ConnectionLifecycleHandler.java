package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.ConnectionState;
import io.thingbus.mqtt.internal.connection.KeepAliveMonitor;
import io.thingbus.mqtt.internal.connection.LiveConnections;
import io.thingbus.mqtt.internal.session.SessionRegistry;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last stage: when the channel closes, the connection leaves the keep-alive sweep, drops the packets
 * it held during authentication, and, when it had been accepted, its session learns it is gone
 * (which starts session expiry and settles the will) and it is reported disconnected. Unexpected
 * exceptions are logged with the connection's context and close the channel.
 */
@Sharable
final class ConnectionLifecycleHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLifecycleHandler.class);

    private final KeepAliveMonitor keepAlive;
    private final SessionRegistry sessions;
    private final LiveConnections live;

    ConnectionLifecycleHandler(KeepAliveMonitor keepAlive, SessionRegistry sessions, LiveConnections live) {
        this.keepAlive = keepAlive;
        this.sessions = sessions;
        this.live = live;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ClientConnection connection = ClientConnection.of(ctx.channel());
        keepAlive.forget(connection);
        connection.tryTransitionTo(ConnectionState.CLOSED);
        connection.releaseHeld();
        if (connection.session() != null) {
            sessions.disconnected(connection.session(), connection);
            live.disconnected(connection);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ClientConnection connection = ClientConnection.of(ctx.channel());
        if (cause instanceof IOException) {
            log.debug("[{}] network error: {}", connection.logContext(), cause.toString());
            connection.noteCloseReason("network error: " + cause.getMessage());
        } else {
            log.warn("[{}] unexpected error, closing the connection", connection.logContext(), cause);
            connection.noteCloseReason("internal error");
        }
        ctx.close();
    }
}
