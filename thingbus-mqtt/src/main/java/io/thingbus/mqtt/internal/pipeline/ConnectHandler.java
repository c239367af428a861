package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.errors.ErrorCode;
import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.Topics;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.mqtt.internal.codec.MqttPropertiesReader;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.ClientLimits;
import io.thingbus.mqtt.internal.connection.ConnectedClient;
import io.thingbus.mqtt.internal.connection.ConnectionState;
import io.thingbus.mqtt.internal.connection.LiveConnections;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import io.thingbus.mqtt.internal.connection.OffLoopAuthenticator;
import io.thingbus.mqtt.internal.session.ConnectOutcome;
import io.thingbus.mqtt.internal.session.SessionRegistry;
import io.thingbus.messaging.Will;
import io.thingbus.registry.auth.AuthenticationResult;
import io.thingbus.registry.auth.ClientCredentials;
import io.thingbus.registry.auth.ClientIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONNECT: validates the request and settles keep-alive, session expiry and limits; then, with the
 * channel no longer reading (packets already read are held), asks the authenticator off the event
 * loop. Back on the event loop a refusal becomes a CONNACK with its reason code; an acceptance (whose
 * ACL must allow the will topic) binds the connection to its session (new, resumed or taken over),
 * answers CONNACK, reports the connection and replays the held packets in order.
 *
 * <p>MQTT 5 enhanced authentication (section 4.12) with method {@value #SAS_METHOD}: the token comes
 * as Authentication Data instead of the password, and the client may re-authenticate later with AUTH
 * ({@link AuthHandler}). Other methods are refused 0x8C.
 */
final class ConnectHandler implements PacketHandler {

    private static final Logger events = LoggerFactory.getLogger("io.thingbus.events.connection");
    /** What MQTT 3.1.1 clients get as receive maximum: they cannot state one. */
    static final int MQTT3_RECEIVE_MAXIMUM = 100;
    /** The one enhanced authentication method: a shared access signature as Authentication Data. */
    static final String SAS_METHOD = "SAS";

    private final MqttServerConfig config;
    private final SessionRegistry sessions;
    private final MqttServerDisconnector disconnector;
    private final OffLoopAuthenticator authenticator;
    private final LiveConnections live;
    private final Clock clock;

    ConnectHandler(MqttServerConfig config, SessionRegistry sessions, MqttServerDisconnector disconnector,
                   OffLoopAuthenticator authenticator, LiveConnections live, Clock clock) {
        this.config = config;
        this.sessions = sessions;
        this.disconnector = disconnector;
        this.authenticator = authenticator;
        this.live = live;
        this.clock = clock;
    }

    @Override
    public MqttMessageType type() {
        return MqttMessageType.CONNECT;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message) {
        MqttConnectMessage connect = (MqttConnectMessage) message;
        MqttConnectVariableHeader header = connect.variableHeader();
        MqttConnectPayload payload = connect.payload();
        MqttVersion version = MqttVersion.fromProtocolNameAndLevel(header.name(), (byte) header.version());
        boolean mqtt5 = version == MqttVersion.MQTT_5;
        MqttProperties properties = header.properties();

        Refusal refusal = validate(header, payload, mqtt5, properties);
        if (refusal != null) {
            disconnector.refuseConnect(connection, version, refusal.code(), refusal.reason());
            return;
        }
        String clientId = payload.clientIdentifier();
        boolean assignedId = clientId.isEmpty();
        if (assignedId) {
            if (!mqtt5 && !header.isCleanSession()) {
                disconnector.refuseConnect(connection, version, ErrorCode.CLIENT_ID_INVALID,
                        "an empty client id needs clean session");
                return;
            }
            clientId = "tb-" + UUID.randomUUID();
        }
        int keepAlive = mqtt5 ? negotiatedKeepAlive(header.keepAliveTimeSeconds()) : header.keepAliveTimeSeconds();
        long requestedExpiry = mqtt5
                ? MqttPropertiesReader.integer(properties, MqttProperties.SESSION_EXPIRY_INTERVAL, 0)
                : (header.isCleanSession() ? 0 : MqttServerConfig.NEVER_EXPIRES.toSeconds());
        long expiry = Math.min(requestedExpiry, config.maxSessionExpiry().toSeconds());
        ClientLimits limits = mqtt5 ? clientLimits(properties) : ClientLimits.unstated(MQTT3_RECEIVE_MAXIMUM);
        Will will = header.isWillFlag() ? will(header, payload, mqtt5, clientId) : null;

        boolean sas = mqtt5 && SAS_METHOD.equals(MqttPropertiesReader.string(properties, MqttProperties.AUTHENTICATION_METHOD));
        byte[] secret = sas ? MqttPropertiesReader.binary(properties, MqttProperties.AUTHENTICATION_DATA) : payload.passwordInBytes();
        ClientCredentials credentials = ConnectCredentials.of(connection, payload, secret);
        PendingConnect pending = new PendingConnect(clientId, assignedId, version, header.isCleanSession(),
                header.keepAliveTimeSeconds(), keepAlive, requestedExpiry, expiry, limits, will,
                sas ? ConnectCredentials.withSecret(credentials, null) : null);
        if (!connection.tryTransitionTo(ConnectionState.AUTHENTICATING)) {
            return;
        }
        // nothing more is read until the authenticator has answered; what was read already is held
        ctx.channel().config().setAutoRead(false);
        authenticator.authenticate(connection, credentials,
                result -> authenticated(ctx, connection, pending, credentials, result));
    }

    /**
     * What CONNECT settled before authentication, for the CONNACK after it; {@code reauthentication}
     * is what a client using {@link #SAS_METHOD} presented, without its token (null for other clients).
     */
    private record PendingConnect(String clientId, boolean assignedId, MqttVersion version, boolean cleanStart,
                                  int requestedKeepAlive, int keepAlive, long requestedExpiry, long expiry,
                                  ClientLimits limits, Will will, ClientCredentials reauthentication) {

        boolean isMqtt5() {
            return version == MqttVersion.MQTT_5;
        }
    }

    /** The authenticator's answer to {@code credentials}, on the event loop. */
    private void authenticated(ChannelHandlerContext ctx, ClientConnection connection, PendingConnect pending,
                               ClientCredentials credentials, AuthenticationResult result) {
        if (connection.state() != ConnectionState.AUTHENTICATING) {
            return; // closed meanwhile (CONNECT timeout, peer gone): its held packets went with it
        }
        switch (result) {
            case AuthenticationResult.Refused refused -> refuse(connection, pending, refused.code(), refused.reason());
            case AuthenticationResult.Accepted accepted -> {
                Will will = pending.will();
                if (will != null && !accepted.access().mayPublish(will.message().topic())) {
                    refuse(connection, pending, ErrorCode.NOT_AUTHORIZED,
                            "will topic '" + will.message().topic() + "' not allowed");
                    return;
                }
                if (accepted.identity().kind() == ClientIdentity.Kind.PROVISIONING && credentials.password() != null) {
                    connection.keepRegistrationProof(new String(credentials.password(), StandardCharsets.UTF_8));
                }
                accept(ctx, connection, pending, accepted);
                PacketDispatcher.replayHeld(ctx, connection);
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    private void refuse(ClientConnection connection, PendingConnect pending, ErrorCode code, String reason) {
        connection.releaseHeld();
        disconnector.refuseConnect(connection, pending.version(), code, reason);
    }

    private void accept(ChannelHandlerContext ctx, ClientConnection connection, PendingConnect pending,
                        AuthenticationResult.Accepted accepted) {
        String clientId = pending.clientId();
        boolean mqtt5 = pending.isMqtt5();
        long credentialsExpiry = accepted.expires() == null ? ConnectedClient.NEVER_EXPIRES : accepted.expires().toEpochMilli();
        ConnectedClient client = new ConnectedClient(clientId, pending.version(), pending.keepAlive(), pending.limits(),
                accepted.identity(), accepted.access(), credentialsExpiry);
        if (!connection.connected(client, pending.will(), mqtt5 ? config.topicAliasMaximum() : 0)) {
            return;
        }
        connection.allowReauthentication(pending.reauthentication());
        ConnectOutcome outcome = sessions.connect(clientId, pending.cleanStart(), pending.expiry(), connection);
        connection.attachSession(outcome.session());
        if (outcome.takenOver() instanceof ClientConnection previous) {
            disconnector.disconnect(previous, ErrorCode.SESSION_TAKEN_OVER, "another connection took over client id " + clientId);
            live.disconnected(previous);
        }
        ctx.writeAndFlush(connAck(mqtt5, outcome.sessionPresent(), pending.assignedId() ? clientId : null,
                pending.requestedExpiry() != pending.expiry() ? pending.expiry() : -1,
                pending.keepAlive() != pending.requestedKeepAlive() ? pending.keepAlive() : -1,
                pending.reauthentication() != null));
        events.info("[{}] connected: identity={} mqtt={} cleanStart={} sessionPresent={} keepAlive={} expiry={}",
                connection.logContext(), accepted.identity(), pending.version(), pending.cleanStart(),
                outcome.sessionPresent(), pending.keepAlive(), pending.expiry());
        live.connected(connection);
    }

    /** Why a CONNECT is refused. */
    private record Refusal(ErrorCode code, String reason) {
    }

    /** Null when the CONNECT is acceptable, else why not. */
    private Refusal validate(MqttConnectVariableHeader header, MqttConnectPayload payload, boolean mqtt5,
                            MqttProperties properties) {
        if (!mqtt5 && header.hasPassword() && !header.hasUserName()) {
            return new Refusal(ErrorCode.PROTOCOL_ERROR, "password without user name");
        }
        if (header.isWillFlag()) {
            if (header.willQos() > 2) {
                return new Refusal(ErrorCode.MALFORMED_PACKET, "will QoS " + header.willQos());
            }
            if (!Topics.isValidTopicName(payload.willTopic())) {
                return new Refusal(ErrorCode.TOPIC_NAME_INVALID, "will topic '" + payload.willTopic() + "'");
            }
        }
        if (!mqtt5) {
            return null;
        }
        String method = MqttPropertiesReader.string(properties, MqttProperties.AUTHENTICATION_METHOD);
        if (method != null && !method.equals(SAS_METHOD)) {
            return new Refusal(ErrorCode.BAD_AUTHENTICATION_METHOD,
                    "authentication method '" + method + "' is not supported (only " + SAS_METHOD + ")");
        }
        if (MqttPropertiesReader.integer(properties, MqttProperties.RECEIVE_MAXIMUM, 1) == 0) {
            return new Refusal(ErrorCode.PROTOCOL_ERROR, "receive maximum 0");
        }
        if (MqttPropertiesReader.integer(properties, MqttProperties.MAXIMUM_PACKET_SIZE, 1) == 0) {
            return new Refusal(ErrorCode.PROTOCOL_ERROR, "maximum packet size 0");
        }
        return null;
    }

    /**
     * The keep-alive an MQTT 5 client is held to: at most the hub's maximum, announced in Server Keep
     * Alive (MQTT 5 section 3.2.2.3.14). MQTT 3.1.1 has no way to tell a client another value, so its own
     * stands there (MQTT 3.1.1 section 3.1.2.10).
     */
    private int negotiatedKeepAlive(int requested) {
        int max = (int) config.maxKeepAlive().toSeconds();
        if (max >= 65_535) {
            return requested;
        }
        return requested == 0 ? max : Math.min(requested, max);
    }

    private ClientLimits clientLimits(MqttProperties properties) {
        int receiveMaximum = (int) MqttPropertiesReader.integer(properties, MqttProperties.RECEIVE_MAXIMUM, 65_535);
        long maxPacket = MqttPropertiesReader.integer(properties, MqttProperties.MAXIMUM_PACKET_SIZE, Integer.MAX_VALUE);
        int aliasMaximum = (int) MqttPropertiesReader.integer(properties, MqttProperties.TOPIC_ALIAS_MAXIMUM, 0);
        boolean problemInformation = MqttPropertiesReader.integer(properties, MqttProperties.REQUEST_PROBLEM_INFORMATION, 1) == 1;
        return new ClientLimits(receiveMaximum, (int) Math.min(maxPacket, Integer.MAX_VALUE), aliasMaximum, problemInformation);
    }

    private Will will(MqttConnectVariableHeader header, MqttConnectPayload payload, boolean mqtt5, String clientId) {
        MqttProperties willProperties = payload.willProperties();
        long now = clock.millis();
        long expiry = mqtt5 ? MqttPropertiesReader.integer(willProperties, MqttProperties.PUBLICATION_EXPIRY_INTERVAL, -1) : -1;
        long delay = mqtt5 ? MqttPropertiesReader.integer(willProperties, MqttProperties.WILL_DELAY_INTERVAL, 0) : 0;
        Message message = new Message(
                payload.willTopic(),
                payload.willMessageInBytes(),
                Qos.of(header.willQos()),
                header.isWillRetain(),
                mqtt5 ? MqttPropertiesReader.messageProperties(willProperties) : MessageProperties.NONE,
                clientId,
                now,
                expiry < 0 ? Message.NEVER_EXPIRES : now + expiry * 1000);
        return new Will(message, delay);
    }

    private MqttConnAckMessage connAck(boolean mqtt5, boolean sessionPresent, String assignedClientId,
                                       long sessionExpiry, int serverKeepAlive, boolean sas) {
        MqttProperties properties = new MqttProperties();
        if (mqtt5) {
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, config.receiveMaximum()));
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, config.maxPacketSize()));
            properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, config.topicAliasMaximum()));
            if (assignedClientId != null) {
                properties.add(new MqttProperties.StringProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, assignedClientId));
            }
            if (sessionExpiry >= 0) {
                properties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, (int) sessionExpiry));
            }
            if (serverKeepAlive >= 0) {
                properties.add(new MqttProperties.IntegerProperty(MqttProperties.SERVER_KEEP_ALIVE, serverKeepAlive));
            }
            if (sas) {
                properties.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, SAS_METHOD));
            }
        }
        return MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .sessionPresent(sessionPresent)
                .properties(properties)
                .build();
    }
}
