package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.internal.codec.MqttPropertiesReader;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.ConnectedClient;
import io.thingbus.mqtt.internal.connection.ConnectionState;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import io.thingbus.mqtt.internal.connection.OffLoopAuthenticator;
import io.thingbus.registry.auth.AuthenticationResult;
import io.thingbus.registry.auth.ClientCredentials;
import io.thingbus.registry.auth.ClientIdentity;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AUTH (MQTT 5 section 4.12.1): re-authentication of a client that connected with authentication
 * method {@value ConnectHandler#SAS_METHOD}. AUTH with reason 0x19, the same method and a new token as
 * Authentication Data runs the authenticator again (off the event loop, while the connection goes on);
 * accepted as the same identity, the connection takes the new ACL and expiry and is answered AUTH 0x00;
 * otherwise it is disconnected 0x87. AUTH from any other client, or with another reason or method, is
 * a protocol error.
 */
final class AuthHandler implements PacketHandler {

    private static final Logger events = LoggerFactory.getLogger("io.thingbus.events.connection");
    /** AUTH reason code 0x19: Re-authenticate. */
    private static final int REAUTHENTICATE = 0x19;

    private final MqttServerDisconnector disconnector;
    private final OffLoopAuthenticator authenticator;

    AuthHandler(MqttServerDisconnector disconnector, OffLoopAuthenticator authenticator) {
        this.disconnector = disconnector;
        this.authenticator = authenticator;
    }

    @Override
    public MqttMessageType type() {
        return MqttMessageType.AUTH;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message) {
        ClientCredentials presented = connection.reauthentication();
        if (presented == null) {
            disconnector.disconnect(connection, ErrorCode.PROTOCOL_ERROR, "AUTH without an authentication method");
            return;
        }
        int reason = message.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header
                ? header.reasonCode() & 0xFF : 0;
        if (reason != REAUTHENTICATE) {
            disconnector.disconnect(connection, ErrorCode.PROTOCOL_ERROR, "AUTH reason 0x" + Integer.toHexString(reason));
            return;
        }
        MqttProperties properties = ((MqttReasonCodeAndPropertiesVariableHeader) message.variableHeader()).properties();
        if (!ConnectHandler.SAS_METHOD.equals(MqttPropertiesReader.string(properties, MqttProperties.AUTHENTICATION_METHOD))) {
            disconnector.disconnect(connection, ErrorCode.PROTOCOL_ERROR, "AUTH with another authentication method");
            return;
        }
        byte[] token = MqttPropertiesReader.binary(properties, MqttProperties.AUTHENTICATION_DATA);
        authenticator.authenticate(connection, ConnectCredentials.withSecret(presented, token),
                result -> reauthenticated(ctx, connection, token, result));
    }

    /** The authenticator's answer to {@code token}, on the event loop. */
    private void reauthenticated(ChannelHandlerContext ctx, ClientConnection connection, byte[] token,
                                 AuthenticationResult result) {
        if (connection.state() != ConnectionState.CONNECTED) {
            return;
        }
        ConnectedClient client = connection.client();
        switch (result) {
            case AuthenticationResult.Refused refused -> disconnector.disconnect(connection, ErrorCode.NOT_AUTHORIZED,
                    "re-authentication refused: " + refused.reason());
            case AuthenticationResult.Accepted accepted when !accepted.identity().equals(client.identity()) ->
                    disconnector.disconnect(connection, ErrorCode.NOT_AUTHORIZED,
                            "re-authenticated as " + accepted.identity() + ", connected as " + client.identity());
            case AuthenticationResult.Accepted accepted -> {
                long expiry = accepted.expires() == null ? ConnectedClient.NEVER_EXPIRES : accepted.expires().toEpochMilli();
                connection.reauthenticated(client.reauthenticated(accepted.access(), expiry));
                if (accepted.identity().kind() == ClientIdentity.Kind.PROVISIONING && token != null) {
                    connection.keepRegistrationProof(new String(token, StandardCharsets.UTF_8));
                }
                MqttProperties properties = new MqttProperties();
                properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, ConnectHandler.SAS_METHOD));
                ctx.writeAndFlush(MqttMessageBuilders.auth().reasonCode((byte) 0).properties(properties).build());
                events.info("[{}] re-authenticated: identity={} expires={}", connection.logContext(), client.identity(),
                        accepted.expires());
            }
        }
    }
}
