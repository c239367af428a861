package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.util.ReferenceCountUtil;
import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.ConnectionState;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Hands each decoded packet to the {@link PacketHandler} of its type, enforcing the rules they
 * share: CONNECT first and only once, and nothing handled while CONNECT is being authenticated
 * (packets that arrive meanwhile, as MQTT 5 clients may send them before CONNACK, are held on the
 * connection and replayed in order once it is accepted). A table lookup, one pipeline stage for all
 * packet types, so an idle connection carries one handler context instead of a dozen.
 */
@Sharable
final class PacketDispatcher extends ChannelInboundHandlerAdapter {

    private final Map<MqttMessageType, PacketHandler> handlers = new EnumMap<>(MqttMessageType.class);
    private final MqttServerDisconnector disconnector;

    PacketDispatcher(List<PacketHandler> packetHandlers, MqttServerDisconnector disconnector) {
        for (PacketHandler handler : packetHandlers) {
            handlers.put(handler.type(), handler);
        }
        this.disconnector = disconnector;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage message)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            dispatch(ctx, ClientConnection.of(ctx.channel()), message);
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    /**
     * Dispatches the packets held while CONNECT was authenticated, in the order they arrived. Call on
     * the event loop with this stage's context, as every {@link PacketHandler} is given.
     */
    static void replayHeld(ChannelHandlerContext ctx, ClientConnection connection) {
        PacketDispatcher dispatcher = (PacketDispatcher) ctx.handler();
        MqttMessage held;
        while ((held = connection.nextHeld()) != null) {
            dispatcher.channelRead(ctx, held);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message) {
        connection.markRead();
        MqttMessageType type = message.fixedHeader().messageType();
        ConnectionState state = connection.state();
        if (state == ConnectionState.AUTHENTICATING) {
            connection.hold(ReferenceCountUtil.retain(message));
            return;
        }
        if (state == ConnectionState.AWAITING_CONNECT && type != MqttMessageType.CONNECT) {
            disconnector.close(connection, "first packet was " + type + ", not CONNECT");
            return;
        }
        if (state == ConnectionState.CONNECTED && type == MqttMessageType.CONNECT) {
            disconnector.disconnect(connection, ErrorCode.PROTOCOL_ERROR, "second CONNECT on one connection");
            return;
        }
        if (state != ConnectionState.AWAITING_CONNECT && state != ConnectionState.CONNECTED) {
            return;
        }
        PacketHandler handler = handlers.get(type);
        if (handler == null) {
            disconnector.disconnect(connection, ErrorCode.PROTOCOL_ERROR, type + " is not sent to a server");
            return;
        }
        handler.handle(ctx, connection, message);
    }
}
