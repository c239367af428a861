package io.thingbus.mqtt.internal.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.errors.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every connection the hub ends goes through here: it logs why, tells the client in its own
 * protocol version (a CONNACK refusal before CONNECT is accepted, a DISCONNECT with reason code and
 * reason string for MQTT 5 afterwards, a plain close for MQTT 3.1.1), notes the reason on the
 * connection for its disconnected event, then closes the channel.
 */
public final class MqttServerDisconnector {

    /** Lifecycle events on their own logger, so operators can route them. */
    private static final Logger events = LoggerFactory.getLogger("io.thingbus.events.connection");

    /** Ends a connected client's connection with a reason; a no-op when it is already closing. */
    public void disconnect(ClientConnection connection, ErrorCode code, String reason) {
        boolean wasConnected = connection.state() == ConnectionState.CONNECTED;
        if (!connection.tryTransitionTo(ConnectionState.DISCONNECTING)) {
            return;
        }
        events.info("[{}] disconnecting: {} (0x{}) {}", connection.logContext(), code.description(),
                Integer.toHexString(code.mqttReasonCode()), reason);
        connection.noteCloseReason(code.description() + ": " + reason);
        Channel channel = connection.channel();
        if (wasConnected && connection.client().isMqtt5()) {
            MqttProperties properties = new MqttProperties();
            if (connection.client().limits().problemInformation()) {
                properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, reason));
            }
            channel.writeAndFlush(MqttMessageBuilders.disconnect()
                            .reasonCode((byte) code.mqttReasonCode())
                            .properties(properties)
                            .build())
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /**
     * Refuses a CONNECT: a CONNACK in the client's version with the reason (MQTT 5) or the nearest
     * 3.1.1 return code, then close. Without a 3.1.1 return code for the reason, just closes.
     */
    public void refuseConnect(ClientConnection connection, MqttVersion version, ErrorCode code, String reason) {
        if (!connection.tryTransitionTo(ConnectionState.DISCONNECTING)) {
            return;
        }
        events.info("[{}] connect refused: {} (0x{}) {}", connection.logContext(), code.description(),
                Integer.toHexString(code.mqttReasonCode()), reason);
        connection.noteCloseReason("connect refused: " + code.description() + ": " + reason);
        Channel channel = connection.channel();
        int returnCode = version == MqttVersion.MQTT_5 ? code.mqttReasonCode() : code.mqtt3ConnectReturnCode();
        if (returnCode < 0) {
            channel.close();
            return;
        }
        MqttProperties properties = new MqttProperties();
        if (version == MqttVersion.MQTT_5) {
            properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, reason));
        }
        channel.writeAndFlush(MqttMessageBuilders.connAck()
                        .returnCode(MqttConnectReturnCode.valueOf((byte) returnCode))
                        .sessionPresent(false)
                        .properties(properties)
                        .build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes without a word: the peer broke the protocol before we know its version, or it is gone. */
    public void close(ClientConnection connection, String reason) {
        if (connection.tryTransitionTo(ConnectionState.DISCONNECTING)) {
            events.info("[{}] closing: {}", connection.logContext(), reason);
            connection.noteCloseReason(reason);
            connection.channel().close();
        }
    }
}
