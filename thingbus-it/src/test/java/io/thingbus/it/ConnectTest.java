package io.thingbus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClientState;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.KnownDeviations;
import io.thingbus.it.raw.Connack;
import io.thingbus.it.raw.Connect;
import io.thingbus.it.raw.MqttPacket;
import io.thingbus.it.raw.PacketType;
import io.thingbus.it.raw.PropertyId;
import io.thingbus.it.raw.RawMqttClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CONNECT and CONNACK: accepted connects, client identifiers, protocol versions and session takeover. */
class ConnectTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    @Test
    void mqtt5ClientConnectsWithCleanStart() {
        Mqtt5BlockingClient client = clients.v5(clients.id("c5"));

        Mqtt5ConnAck connAck = client.connectWith().cleanStart(true).send();

        assertThat(connAck.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        // [MQTT-3.2.2-2] Clean Start 1: Session Present MUST be 0.
        assertThat(connAck.isSessionPresent()).isFalse();
        assertThat(client.getState()).isEqualTo(MqttClientState.CONNECTED);
    }

    @Test
    void mqtt311ClientConnectsWithCleanSession() {
        Mqtt3BlockingClient client = clients.v3(clients.id("c3"));

        Mqtt3ConnAck connAck = client.connectWith().cleanSession(true).send();

        assertThat(connAck.getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        // [MQTT-3.2.2-1] CleanSession 1: Session Present MUST be 0.
        assertThat(connAck.isSessionPresent()).isFalse();
    }

    @Test
    void mqtt311ConnackIsExactlyFourBytes() {
        RawMqttClient raw = clients.raw();
        raw.sendConnect(Connect.v311(clients.id("raw3")));

        MqttPacket packet = raw.read();

        // 3.1.1 section 3.2: fixed header 0x20, Remaining Length 2, acknowledge flags 0, return code 0.
        assertThat(packet.type()).isEqualTo(PacketType.CONNACK);
        assertThat(packet.flags()).isZero();
        assertThat(packet.body()).containsExactly(0x00, 0x00);
    }

    @Test
    void mqtt5EmptyClientIdentifierIsAssignedOne() {
        RawMqttClient raw = clients.raw();

        Connack connack = raw.connect(Connect.v5(""));

        // [MQTT-3.1.3-6] the Server assigns a unique ClientID; [MQTT-3.2.2-16] and returns it in CONNACK.
        assertThat(connack.reasonCode()).isZero();
        assertThat(connack.properties().string(PropertyId.ASSIGNED_CLIENT_IDENTIFIER)).hasValueSatisfying(
                id -> assertThat(id).isNotEmpty());
    }

    @Test
    void mqtt5AssignedClientIdentifiersAreUnique() {
        Mqtt5ConnAck first = clients.v5("").connect();
        Mqtt5ConnAck second = clients.v5("").connect();

        assertThat(first.getAssignedClientIdentifier()).isPresent();
        assertThat(second.getAssignedClientIdentifier()).isPresent();
        assertThat(first.getAssignedClientIdentifier().get().toString())
                .isNotEqualTo(second.getAssignedClientIdentifier().get().toString());
    }

    @Test
    void mqtt311EmptyClientIdentifierWithCleanSessionIsAccepted() {
        RawMqttClient raw = clients.raw();

        Connack connack = raw.connect(Connect.v311("").cleanStart(true));

        // [MQTT-3.1.3-6] a zero-byte ClientId MAY be allowed, [MQTT-3.1.3-7] only with CleanSession 1.
        assertThat(connack.reasonCode()).isZero();
        assertThat(connack.sessionPresent()).isFalse();
    }

    @Test
    void mqtt311EmptyClientIdentifierWithoutCleanSessionIsRejected() {
        RawMqttClient raw = clients.raw();

        Connack connack = raw.connect(Connect.v311("").cleanStart(false));

        // [MQTT-3.1.3-8] CONNACK return code 0x02 (Identifier rejected), then close the connection;
        // [MQTT-3.2.2-4] with a non-zero return code Session Present MUST be 0.
        assertThat(connack.reasonCode()).isEqualTo(0x02);
        assertThat(connack.sessionPresent()).isFalse();
        raw.awaitClosed(CLOSE_TIMEOUT);
    }

    @Test
    void mqtt311AcceptsTwentyThreeCharacterAlphanumericClientIdentifier() {
        RawMqttClient raw = clients.raw();

        // [MQTT-3.1.3-5] the Server MUST allow 1 to 23 bytes of 0-9a-zA-Z.
        Connack connack = raw.connect(Connect.v311("abcdefghijklmnopqrstuvW"));

        assertThat(connack.reasonCode()).isZero();
    }

    @Test
    void unsupportedProtocolVersionIsRefusedAndClosed() {
        RawMqttClient raw = clients.raw();

        raw.sendConnect(Connect.v5(clients.id("v6")).protocolLevel(6));
        List<MqttPacket> beforeClose = raw.awaitClosed(CLOSE_TIMEOUT);

        // 5.0 [MQTT-3.1.2-2]: MAY send CONNACK 0x84 (Unsupported Protocol Version), MUST close.
        // 3.1.1 [MQTT-3.1.2-2]: CONNACK return code 0x01 (unacceptable protocol level), then disconnect.
        // The client speaks neither version, so either form (or none) is acceptable; accepting it is not.
        assertThat(beforeClose).hasSizeLessThanOrEqualTo(1);
        beforeClose.forEach(ConnectTest::assertProtocolVersionRefusal);
    }

    static void assertProtocolVersionRefusal(MqttPacket packet) {
        assertThat(packet.type()).as("only a CONNACK may precede the close").isEqualTo(PacketType.CONNACK);
        byte[] body = packet.body();
        if (body.length == 2) {
            assertThat(body[1] & 0xFF).as("3.1.1 return code").isEqualTo(0x01);
        } else {
            assertThat(body.length).as("5.0 CONNACK: flags, reason code, properties").isGreaterThanOrEqualTo(3);
            assertThat(body[1] & 0xFF).as("5.0 reason code").isEqualTo(0x84);
        }
        assertThat(body[0] & 0x01).as("Session Present on a refusal").isZero();
    }

    @Test
    void mqtt5SessionTakeoverClosesTheFirstConnection() {
        String clientId = clients.id("takeover5");
        RawMqttClient first = clients.raw();
        assertThat(first.connect(Connect.v5(clientId)).reasonCode()).isZero();

        RawMqttClient second = clients.raw();
        assertThat(second.connect(Connect.v5(clientId)).reasonCode()).isZero();

        // [MQTT-3.1.4-3] the Server MUST close the Network Connection of the existing Client; if it sends
        // anything first, it is a DISCONNECT with Reason Code 0x8E (Session taken over).
        List<MqttPacket> beforeClose = first.awaitClosed(CLOSE_TIMEOUT);
        assertThat(beforeClose).hasSizeLessThanOrEqualTo(1);
        beforeClose.forEach(packet -> {
            assertThat(packet.type()).isEqualTo(PacketType.DISCONNECT);
            assertThat(RawMqttClient.asDisconnect(packet).reasonCode()).isEqualTo(0x8E);
        });
        second.assertNothingWithin(Duration.ofMillis(200));
    }

    @Test
    void mqtt5SessionTakeoverSendsSessionTakenOverBeforeClosing() {
        KnownDeviations.mosquittoDeviatesFrom(hub,
                "[MQTT-3.1.4-3] it closes a taken-over MQTT 5 connection without DISCONNECT 0x8E");
        String clientId = clients.id("takeover5d");
        RawMqttClient first = clients.raw();
        assertThat(first.connect(Connect.v5(clientId)).reasonCode()).isZero();

        RawMqttClient second = clients.raw();
        assertThat(second.connect(Connect.v5(clientId)).reasonCode()).isZero();

        // [MQTT-3.1.4-3] the Server sends the existing Client DISCONNECT 0x8E (Session taken over) and closes.
        List<MqttPacket> beforeClose = first.awaitClosed(CLOSE_TIMEOUT);
        assertThat(beforeClose).hasSize(1);
        assertThat(beforeClose.getFirst().type()).isEqualTo(PacketType.DISCONNECT);
        assertThat(RawMqttClient.asDisconnect(beforeClose.getFirst()).reasonCode()).isEqualTo(0x8E);
    }

    @Test
    void mqtt311SessionTakeoverClosesTheFirstConnection() {
        String clientId = clients.id("takeover3");
        RawMqttClient first = clients.raw();
        assertThat(first.connect(Connect.v311(clientId)).reasonCode()).isZero();

        RawMqttClient second = clients.raw();
        assertThat(second.connect(Connect.v311(clientId)).reasonCode()).isZero();

        // [MQTT-3.1.4-2] the Server MUST disconnect the existing Client; 3.1.1 has no server DISCONNECT packet.
        assertThat(first.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
    }

    @Test
    void hiveMqClientLearnsItsSessionWasTakenOver() {
        KnownDeviations.mosquittoDeviatesFrom(hub,
                "[MQTT-3.1.4-3] it closes a taken-over MQTT 5 connection without DISCONNECT 0x8E");
        String clientId = clients.id("takeoverhv");
        AtomicReference<Throwable> cause = new AtomicReference<>();
        Mqtt5BlockingClient first = clients.track(clients.v5Builder(clientId)
                .addDisconnectedListener(context -> cause.set(context.getCause()))
                .buildBlocking());
        first.connect();

        clients.v5(clientId).connect();

        await().atMost(CLOSE_TIMEOUT).until(() -> cause.get() != null);
        assertThat(cause.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e ->
                assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER));
        assertThat(first.getState().isConnected()).isFalse();
    }
}
