package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.internal.codec.MqttPropertiesReader;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.ConnectionState;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DISCONNECT from the client: a normal one discards the will; MQTT 5 reason 0x04 keeps it; an MQTT 5
 * Session Expiry Interval updates the session's expiry (but may not turn 0 into non-zero).
 */
final class DisconnectHandler implements PacketHandler {

    private static final Logger events = LoggerFactory.getLogger("io.thingbus.events.connection");
    /** MQTT 5 reason code 0x04: Disconnect with Will Message. */
    private static final int DISCONNECT_WITH_WILL = 0x04;

    private final MqttServerDisconnector disconnector;

    DisconnectHandler(MqttServerDisconnector disconnector) {
        this.disconnector = disconnector;
    }

    @Override
    public MqttMessageType type() {
        return MqttMessageType.DISCONNECT;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message) {
        int reason = 0;
        if (message.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header) {
            reason = header.reasonCode() & 0xFF;
            long expiry = MqttPropertiesReader.integer(header.properties(), MqttProperties.SESSION_EXPIRY_INTERVAL, -1);
            if (expiry >= 0) {
                if (connection.session().expiryIntervalSeconds() == 0 && expiry > 0) {
                    disconnector.disconnect(connection, ErrorCode.PROTOCOL_ERROR,
                            "session expiry set on DISCONNECT after CONNECT asked for 0");
                    return;
                }
                connection.session().setExpiryIntervalSeconds(expiry);
            }
        }
        if (reason != DISCONNECT_WITH_WILL) {
            connection.clearWill();
        }
        events.info("[{}] client disconnected (reason 0x{})", connection.logContext(), Integer.toHexString(reason));
        connection.noteCloseReason("client DISCONNECT (reason 0x" + Integer.toHexString(reason) + ")");
        connection.tryTransitionTo(ConnectionState.DISCONNECTING);
        ctx.close();
    }
}
