package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.util.ReferenceCountUtil;
import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.ConnectionState;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;

/**
 * First stage after the decoder: a packet the decoder could not read becomes the right CONNACK or
 * DISCONNECT reason code (malformed, too large, bad topic name, unsupported version, bad client id)
 * and a close, never a bare exception. The decoder discards all later input of the connection.
 */
@Sharable
final class DecoderFailureHandler extends ChannelInboundHandlerAdapter {

    private final MqttServerDisconnector disconnector;

    DecoderFailureHandler(MqttServerDisconnector disconnector) {
        this.disconnector = disconnector;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage message) || message.decoderResult().isSuccess()) {
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(message);
        ClientConnection connection = ClientConnection.of(ctx.channel());
        Throwable cause = message.decoderResult().cause();
        ErrorCode code = classify(cause);
        String reason = String.valueOf(cause.getMessage());
        if (connection.state() == ConnectionState.CONNECTED) {
            disconnector.disconnect(connection, code, reason);
        } else if (isConnect(message) || connection.state() == ConnectionState.AUTHENTICATING
                || cause instanceof MqttUnacceptableProtocolVersionException) {
            disconnector.refuseConnect(connection, NegotiatedVersion.of(ctx.channel()), code, reason);
        } else {
            disconnector.close(connection, "unreadable first packet: " + reason);
        }
    }

    private static boolean isConnect(MqttMessage message) {
        return message.fixedHeader() != null && message.fixedHeader().messageType() == MqttMessageType.CONNECT;
    }

    static ErrorCode classify(Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            return ErrorCode.PACKET_TOO_LARGE;
        }
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            return ErrorCode.UNSUPPORTED_PROTOCOL_VERSION;
        }
        if (cause instanceof MqttIdentifierRejectedException) {
            return ErrorCode.CLIENT_ID_INVALID;
        }
        // Netty reports a wildcard in a PUBLISH topic as a plain DecoderException; its message is the only tell
        String message = cause.getMessage();
        if (message != null && message.startsWith("invalid publish topic name")) {
            return ErrorCode.TOPIC_NAME_INVALID;
        }
        return ErrorCode.MALFORMED_PACKET;
    }
}
