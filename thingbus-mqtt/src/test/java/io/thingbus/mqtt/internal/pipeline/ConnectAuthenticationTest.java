package io.thingbus.mqtt.internal.pipeline;

import static io.thingbus.mqtt.internal.pipeline.EmbeddedClient.connectPacket;
import static io.thingbus.mqtt.internal.pipeline.TestAuthenticators.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.internal.connection.ConnectedClient;
import io.thingbus.mqtt.internal.connection.ConnectionState;
import io.thingbus.mqtt.testing.TopicPrefixPolicy;
import io.thingbus.registry.ConnectivityEvent;
import io.thingbus.registry.auth.AuthenticationResult;
import io.thingbus.registry.auth.ClientAuthenticator;
import io.thingbus.registry.auth.ClientCredentials;
import io.thingbus.registry.auth.ClientIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CONNECT through the authenticator: refusals and their reason codes (MQTT 5 section 3.2.2.2, MQTT
 * 3.1.1 section 3.2.2.3), packets that arrive before CONNACK, the will's ACL, credential expiry and
 * the connectivity events of accepted connections.
 */
class ConnectAuthenticationTest {

    private static final ClientIdentity GOOD = new ClientIdentity(ClientIdentity.Kind.USER, "good");

    private EmbeddedBroker broker = new EmbeddedBroker(TestAuthenticators.USERS);

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private static MqttConnectMessage connectAs(MqttVersion version, String clientId, String user, byte[] password) {
        return connectPacket(version, clientId).username(user).password(password).build();
    }

    private static MqttConnectMessage connectAs(MqttVersion version, String clientId, String user) {
        return connectAs(version, clientId, user, SECRET);
    }

    private static int returnCode(MqttConnAckMessage connAck) {
        return connAck.variableHeader().connectReturnCode().byteValue() & 0xFF;
    }

    private static MqttMessage publish(String topic, MqttQoS qos, int packetId, String payload) {
        return MqttMessageBuilders.publish().topicName(topic).qos(qos).messageId(packetId)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build();
    }

    private EmbeddedClient subscriberToA() {
        EmbeddedClient subscriber = broker.newClient();
        assertThat(returnCode(subscriber.connect(connectAs(MqttVersion.MQTT_5, "subscriber", "good")))).isZero();
        assertThat(subscriber.subscribe(1, "a/#", MqttQoS.AT_LEAST_ONCE)).containsExactly(1);
        return subscriber;
    }

    @ParameterizedTest(name = "{0} as {1}: CONNACK 0x{2}")
    @CsvSource({
            "MQTT_5,     stranger, 86",
            "MQTT_3_1_1, stranger, 04",
            "MQTT_5,     banned,   87",
            "MQTT_3_1_1, banned,   05"})
    void aRefusedConnectGetsTheCodeOfItsVersionAndIsClosed(MqttVersion version, String user, String hexCode) {
        EmbeddedClient client = broker.newClient();

        MqttConnAckMessage connAck = client.connect(connectAs(version, "c1", user));

        assertThat(returnCode(connAck)).isEqualTo(Integer.parseInt(hexCode, 16));
        assertThat(client.isOpen()).isFalse();
        assertThat(broker.sessions.get("c1")).as("no session for a refused client").isNull();
        assertThat(broker.connectivity).as("refused connections are not reported").isEmpty();
    }

    @Test
    void aWrongPasswordIsBadCredentials() {
        MqttConnAckMessage connAck = broker.newClient().connect(
                connectAs(MqttVersion.MQTT_5, "c1", "good", "guess".getBytes(StandardCharsets.UTF_8)));

        assertThat(returnCode(connAck)).isEqualTo(0x86);
    }

    @Test
    void theAuthenticatorSeesWhatTheClientPresented() {
        List<ClientCredentials> seen = new ArrayList<>();
        broker = new EmbeddedBroker(credentials -> {
            seen.add(credentials);
            return ClientAuthenticator.ALLOW_ALL.authenticate(credentials);
        });

        broker.newClient().connected(MqttVersion.MQTT_5, "");
        broker.newClient().connect(connectAs(MqttVersion.MQTT_3_1_1, "c2", "user"));

        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).clientId()).as("an empty client id is passed as sent").isEmpty();
        assertThat(seen.get(0).username()).isNull();
        assertThat(seen.get(0).password()).isNull();
        ClientCredentials second = seen.get(1);
        assertThat(second.clientId()).isEqualTo("c2");
        assertThat(second.username()).isEqualTo("user");
        assertThat(second.password()).isEqualTo(SECRET);
        assertThat(second.transport()).isEqualTo("mqtt");
        assertThat(second.remoteAddress()).isEqualTo("embedded");
        assertThat(second.clientCertificates()).as("no TLS").isEmpty();
    }

    @Test
    void anAcceptedConnectionCarriesItsIdentityAccessAndExpiry() {
        Instant expires = broker.clock.instant().plus(Duration.ofHours(1));
        broker = new EmbeddedBroker(credentials -> new AuthenticationResult.Accepted(GOOD, new TopicPrefixPolicy("a"), expires));
        EmbeddedClient client = broker.newClient();

        assertThat(returnCode(client.connect(connectAs(MqttVersion.MQTT_5, "c1", "good")))).isZero();

        ConnectedClient connected = client.connection().client();
        assertThat(connected.identity()).isEqualTo(GOOD);
        assertThat(connected.access()).isEqualTo(new TopicPrefixPolicy("a"));
        assertThat(connected.credentialsExpireAtMillis()).isEqualTo(expires.toEpochMilli());
        assertThat(broker.live.of(GOOD)).containsExactly(client.connection());
    }

    @Test
    void credentialsWithoutExpiryNeverExpire() {
        EmbeddedClient client = broker.newClient();
        client.connect(connectAs(MqttVersion.MQTT_5, "c1", "good"));

        assertThat(client.connection().client().credentialsExpireAtMillis()).isEqualTo(ConnectedClient.NEVER_EXPIRES);
    }

    @Test
    void nothingIsReadOrAnsweredUntilTheAuthenticatorAnswers() {
        broker.authenticationWorkers.hold();
        EmbeddedClient client = broker.newClient();

        client.send(connectAs(MqttVersion.MQTT_5, "c1", "good"));

        client.expectNothing();
        assertThat(client.connection().state()).isEqualTo(ConnectionState.AUTHENTICATING);
        assertThat(client.server.config().isAutoRead()).as("reading stopped").isFalse();

        broker.authenticationWorkers.runHeld();

        assertThat(returnCode(client.expect(MqttMessageType.CONNACK))).isZero();
        assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(client.server.config().isAutoRead()).as("reading again").isTrue();
    }

    @Test
    void packetsSentBeforeConnackAreHeldThenHandledInOrder() {
        EmbeddedClient subscriber = subscriberToA();
        broker.authenticationWorkers.hold();
        EmbeddedClient publisher = broker.newClient();

        publisher.send(connectAs(MqttVersion.MQTT_5, "publisher", "good"));
        publisher.send(publish("a/1", MqttQoS.AT_LEAST_ONCE, 7, "first"));
        publisher.send(publish("a/2", MqttQoS.AT_MOST_ONCE, 0, "second"));
        publisher.send(publish("a/3", MqttQoS.AT_LEAST_ONCE, 8, "third"));
        publisher.expectNothing();
        subscriber.expectNothing();

        broker.authenticationWorkers.runHeld();

        assertThat(returnCode(publisher.expect(MqttMessageType.CONNACK))).isZero();
        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(7, 0);
        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(8, 0);
        assertThat(subscriber.expectPublish().payload()).isEqualTo("first");
        assertThat(subscriber.expectPublish().payload()).isEqualTo("second");
        assertThat(subscriber.expectPublish().payload()).isEqualTo("third");
    }

    @Test
    void aPublishReadTogetherWithConnectIsHandledAfterConnack() {
        EmbeddedClient subscriber = subscriberToA();
        EmbeddedClient publisher = broker.newClient();

        publisher.sendTogether(connectAs(MqttVersion.MQTT_5, "publisher", "good"),
                publish("a/1", MqttQoS.AT_LEAST_ONCE, 3, "early"));

        assertThat(returnCode(publisher.expect(MqttMessageType.CONNACK))).isZero();
        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(3, 0);
        assertThat(subscriber.expectPublish().payload()).isEqualTo("early");
    }

    @Test
    void heldPacketsAreDroppedWhenConnectIsRefused() {
        EmbeddedClient subscriber = subscriberToA();
        broker.authenticationWorkers.hold();
        EmbeddedClient intruder = broker.newClient();

        intruder.send(connectAs(MqttVersion.MQTT_5, "intruder", "stranger"));
        intruder.send(publish("a/1", MqttQoS.AT_LEAST_ONCE, 1, "sneaky"));
        broker.authenticationWorkers.runHeld();

        assertThat(returnCode(intruder.expect(MqttMessageType.CONNACK))).isEqualTo(0x86);
        intruder.expectNothing();
        assertThat(intruder.isOpen()).isFalse();
        subscriber.expectNothing();
    }

    @Test
    void aConnectionClosedWhileAuthenticatingIsNotAnsweredLater() {
        broker.authenticationWorkers.hold();
        EmbeddedClient client = broker.newClient();
        client.send(connectAs(MqttVersion.MQTT_5, "c1", "good"));
        client.send(publish("a/1", MqttQoS.AT_LEAST_ONCE, 1, "held"));

        client.server.close();
        broker.authenticationWorkers.runHeld();

        client.expectNothing();
        assertThat(client.connection().state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(broker.sessions.get("c1")).isNull();
        assertThat(broker.connectivity).isEmpty();
    }

    @Test
    void theConnectTimeoutClosesAConnectionWhoseAuthenticationNeverAnswers() {
        broker.authenticationWorkers.hold();
        EmbeddedClient client = broker.newClient();
        client.send(connectAs(MqttVersion.MQTT_5, "c1", "good"));
        broker.keepAlive.start();

        broker.timer.advance(broker.config.connectTimeout().plusSeconds(1));
        broker.authenticationWorkers.runHeld();

        client.expectNothing();
        assertThat(client.isOpen()).isFalse();
    }

    @ParameterizedTest(name = "{0}: CONNACK 0x{1}")
    @CsvSource({"MQTT_5, 89", "MQTT_3_1_1, 03"})
    void aFullAuthenticationQueueRefusesServerBusy(MqttVersion version, String hexCode) {
        broker.authenticationWorkers.saturate();

        MqttConnAckMessage connAck = broker.newClient().connect(connectAs(version, "c1", "good"));

        assertThat(returnCode(connAck)).isEqualTo(Integer.parseInt(hexCode, 16));
    }

    @Test
    void anAuthenticatorThatFailsRefusesServerUnavailable() {
        broker = new EmbeddedBroker(credentials -> {
            throw new IllegalStateException("registry down");
        });

        MqttConnAckMessage connAck = broker.newClient().connect(connectAs(MqttVersion.MQTT_5, "c1", "good"));

        assertThat(returnCode(connAck)).isEqualTo(ErrorCode.SERVER_UNAVAILABLE.mqttReasonCode());
    }

    @ParameterizedTest(name = "{0}: CONNACK 0x{1}")
    @CsvSource({"MQTT_5, 87", "MQTT_3_1_1, 05"})
    void aWillOnATopicTheAclRefusesIsNotAuthorized(MqttVersion version, String hexCode) {
        EmbeddedClient client = broker.newClient();

        MqttConnAckMessage connAck = client.connect(connectPacket(version, "c1").username("good").password(SECRET)
                .willFlag(true).willTopic("b/status").willMessage("gone".getBytes(StandardCharsets.UTF_8)).build());

        assertThat(returnCode(connAck)).isEqualTo(Integer.parseInt(hexCode, 16));
        assertThat(client.isOpen()).isFalse();
        assertThat(broker.sessions.get("c1")).isNull();
    }

    @Test
    void aWillOnAnAllowedTopicIsAccepted() {
        EmbeddedClient client = broker.newClient();

        MqttConnAckMessage connAck = client.connect(connectPacket(MqttVersion.MQTT_5, "c1").username("good")
                .password(SECRET).willFlag(true).willTopic("a/status")
                .willMessage("gone".getBytes(StandardCharsets.UTF_8)).build());

        assertThat(returnCode(connAck)).isZero();
        assertThat(client.connection().will().message().topic()).isEqualTo("a/status");
    }

    @Test
    void expiredCredentialsCloseTheConnectionOnTheSharedSweep() {
        Instant expires = broker.clock.instant().plus(Duration.ofMinutes(10));
        broker = new EmbeddedBroker(credentials -> new AuthenticationResult.Accepted(GOOD, new TopicPrefixPolicy("a"), expires));
        EmbeddedClient client = broker.newClient();
        client.connect(connectPacket(MqttVersion.MQTT_5, "c1").keepAlive(0).build());
        broker.keepAlive.start();

        broker.timer.advance(Duration.ofMinutes(10).minusSeconds(1));
        client.expectNothing();
        assertThat(client.isOpen()).isTrue();
        broker.timer.advance(Duration.ofSeconds(1));

        assertThat(client.expectDisconnect()).isEqualTo(0x87);
        assertThat(client.isOpen()).isFalse();
        assertThat(broker.connectivity).last().extracting(ConnectivityEvent::reason)
                .isEqualTo("not authorized: credentials expired");
    }

    @Test
    void reportsAConnectionOnceWhenAcceptedAndOnceWhenItEnds() {
        EmbeddedClient client = broker.newClient();
        client.connect(connectAs(MqttVersion.MQTT_5, "c1", "good"));

        assertThat(broker.connectivity).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(ConnectivityEvent.Type.CONNECTED);
            assertThat(event.identity()).isEqualTo(GOOD);
            assertThat(event.clientId()).isEqualTo("c1");
            assertThat(event.time()).isEqualTo(broker.clock.instant());
            assertThat(event.transport()).isEqualTo("mqtt");
            assertThat(event.protocol()).isEqualTo("mqtt5");
            assertThat(event.remoteAddress()).isEqualTo("embedded");
            assertThat(event.reason()).isNull();
        });

        broker.clock.advance(Duration.ofSeconds(5));
        client.send(MqttMessageBuilders.disconnect().build());
        client.server.close();

        assertThat(broker.connectivity).hasSize(2);
        ConnectivityEvent disconnected = broker.connectivity.get(1);
        assertThat(disconnected.type()).isEqualTo(ConnectivityEvent.Type.DISCONNECTED);
        assertThat(disconnected.identity()).isEqualTo(GOOD);
        assertThat(disconnected.time()).isEqualTo(broker.clock.instant());
        assertThat(disconnected.reason()).isEqualTo("client DISCONNECT (reason 0x0)");
        assertThat(broker.live.of(GOOD)).isEmpty();
    }

    @Test
    void aTakenOverConnectionIsReportedWithItsReason() {
        EmbeddedClient first = broker.newClient();
        first.connect(connectAs(MqttVersion.MQTT_3_1_1, "c1", "good"));
        EmbeddedClient second = broker.newClient();
        second.connect(connectAs(MqttVersion.MQTT_3_1_1, "c1", "good"));
        first.expectNothing(); // runs its event loop: the close completes

        assertThat(broker.connectivity).as("the old connection's end is reported before the new one's arrival")
                .extracting(ConnectivityEvent::type).containsExactly(ConnectivityEvent.Type.CONNECTED,
                        ConnectivityEvent.Type.DISCONNECTED, ConnectivityEvent.Type.CONNECTED);
        assertThat(broker.connectivity.get(1).reason()).startsWith("session taken over: ");
        assertThat(broker.connectivity.get(1).protocol()).isEqualTo("mqtt3.1.1");
        assertThat(broker.live.of(GOOD)).containsExactly(second.connection());
    }

    @Test
    void aConnectionThatJustGoesAwayIsReportedAsLost() {
        EmbeddedClient client = broker.newClient();
        client.connect(connectAs(MqttVersion.MQTT_5, "c1", "good"));

        client.server.close();

        assertThat(broker.connectivity).last().extracting(ConnectivityEvent::reason).isEqualTo("connection lost");
    }
}
