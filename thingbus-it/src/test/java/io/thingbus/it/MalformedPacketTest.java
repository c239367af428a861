package io.thingbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.it.raw.Connect;
import io.thingbus.it.raw.MqttPacket;
import io.thingbus.it.raw.PacketType;
import io.thingbus.it.raw.Packets;
import io.thingbus.it.raw.Properties;
import io.thingbus.it.raw.PropertyId;
import io.thingbus.it.raw.Publish;
import io.thingbus.it.raw.RawMqttClient;
import io.thingbus.it.raw.Subscription;
import io.thingbus.it.raw.Will;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed packets and protocol errors, byte by byte. The rule in both versions (3.1.1 4.8, 5.0 4.13): the
 * server closes the network connection; in MQTT 5 it may first send DISCONNECT with a reason code of 0x80 or more
 * (the tests name the codes that fit), in 3.1.1 it sends nothing. Every test then checks that the hub still
 * serves other clients.
 */
class MalformedPacketTest {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final int MALFORMED = 0x81;
    private static final int PROTOCOL_ERROR = 0x82;
    private static final int TOPIC_NAME_INVALID = 0x90;

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void reservedPacketTypeZeroIsRejected(int level) {
        RawMqttClient client = connected(level);

        // Fixed header 0x00 (type 0 is reserved, 2.1.2), Remaining Length 0.
        client.send(Packets.raw(0x00, new byte[] {0x00}));

        assertRejected(client, level, MALFORMED, PROTOCOL_ERROR);
    }

    @Test
    void packetTypeFifteenIsReservedInMqtt311() {
        RawMqttClient client = connected(Connect.V311);

        // 0xF0: type 15 is reserved in 3.1.1 (it is AUTH only in 5.0), Remaining Length 0.
        client.send(Packets.raw(0xF0, new byte[] {0x00}));

        assertRejected(client, Connect.V311);
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void remainingLengthOfFiveBytesIsMalformed(int level) {
        RawMqttClient client = connected(level);

        // PUBLISH QoS 0 (0x30) whose Remaining Length has a fifth continuation byte: at most four are allowed
        // (2.2.3 / 1.5.5), so the packet is malformed whatever follows.
        client.send(Packets.raw(0x30, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}));

        assertRejected(client, level, MALFORMED);
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void connectWithAWrongProtocolNameIsRefused(int level) {
        RawMqttClient client = clients.raw();
        Connect connect = level == Connect.V5 ? Connect.v5(clients.id("mqtx")) : Connect.v311(clients.id("mqtx"));

        client.sendConnect(connect.protocolName("MQTX"));

        // 3.1.1 [MQTT-3.1.2-1] / 5.0 [MQTT-3.1.2-1]: the Server MAY send a refusing CONNACK, then closes; it
        // never accepts the connection under this specification.
        List<MqttPacket> beforeClose = client.awaitClosed(CLOSE_TIMEOUT);
        assertThat(beforeClose).hasSizeLessThanOrEqualTo(1);
        beforeClose.forEach(ConnectTest::assertProtocolVersionRefusal);
        clients.assertHubStillServes();
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void connectWithTheReservedFlagSetIsRefused(int level) {
        RawMqttClient client = clients.raw();
        Connect connect = level == Connect.V5 ? Connect.v5(clients.id("rsvd")) : Connect.v311(clients.id("rsvd"));

        client.sendConnect(connect.reservedFlag(true));

        // [MQTT-3.1.2-3] the reserved connect flag MUST be 0; otherwise disconnect (5.0: Malformed Packet, and a
        // CONNACK 0x81 may come first).
        List<MqttPacket> beforeClose = client.awaitClosed(CLOSE_TIMEOUT);
        assertThat(beforeClose).hasSizeLessThanOrEqualTo(1);
        beforeClose.forEach(packet -> {
            assertThat(level).as("3.1.1 has no CONNACK code for this").isEqualTo(Connect.V5);
            assertThat(packet.type()).isEqualTo(PacketType.CONNACK);
            assertThat(client.asConnack(packet).reasonCode()).isEqualTo(MALFORMED);
        });
        clients.assertHubStillServes();
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void secondConnectOnTheSameConnectionIsAProtocolError(int level) {
        RawMqttClient client = connected(level);

        client.sendConnect(level == Connect.V5 ? Connect.v5(clients.id("again")) : Connect.v311(clients.id("again")));

        // [MQTT-3.1.0-2] a second CONNECT is a Protocol Error: close the Network Connection.
        assertRejected(client, level, PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void firstPacketOtherThanConnectIsRejected(int level) {
        RawMqttClient client = clients.raw();

        // [MQTT-3.1.0-1] the first packet MUST be CONNECT; a PUBLISH first gets the connection closed.
        client.send(Publish.of(clients.topic("early"), "too soon").encode(level));

        assertThat(client.awaitClosed(CLOSE_TIMEOUT)).isEmpty();
        clients.assertHubStillServes();
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void publishWithQos3IsMalformed(int level) {
        RawMqttClient client = connected(level);

        // [MQTT-3.3.1-4] a PUBLISH MUST NOT have both QoS bits set.
        client.publish(Publish.of(clients.topic("qos3"), "x").withQos(3, 1));

        assertRejected(client, level, MALFORMED, PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void publishTopicWithAWildcardIsRejected(int level) {
        String topic = clients.topic("wild/+");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(clients.topic("wild/#"));
        RawMqttClient client = connected(level);

        // [MQTT-3.3.2-2] the Topic Name in a PUBLISH MUST NOT contain wildcard characters.
        client.publish(Publish.of(topic, "x"));

        assertRejected(client, level, MALFORMED, PROTOCOL_ERROR, TOPIC_NAME_INVALID);
        watcher.assertNothingWithin(Duration.ofMillis(200));
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void publishTopicWithANullCharacterIsRejected(int level) {
        RawMqttClient client = connected(level);

        // [MQTT-1.5.3-2] (1.5.4 in 5.0): a UTF-8 string MUST NOT include U+0000.
        client.publish(Publish.of(clients.topic("nul\u0000byte"), "x"));

        assertRejected(client, level, MALFORMED, PROTOCOL_ERROR, TOPIC_NAME_INVALID);
    }

    @Test
    void mqtt311PublishWithAnEmptyTopicIsRejected() {
        RawMqttClient client = connected(Connect.V311);

        // [MQTT-4.7.3-1] Topic Names MUST be at least one character long.
        client.publish(Publish.of("", "x"));

        assertRejected(client, Connect.V311);
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void qos1PublishWithPacketIdentifierZeroIsRejected(int level) {
        RawMqttClient client = connected(level);

        // [MQTT-2.3.1-1] (2.2.1 in 5.0): QoS > 0 PUBLISH packets MUST carry a non-zero Packet Identifier.
        client.publish(Publish.of(clients.topic("pid0"), "x").withQos(1, 0));

        assertRejected(client, level, MALFORMED, PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void subscribeWithWrongFixedHeaderFlagsIsMalformed(int level) {
        RawMqttClient client = connected(level);
        byte[] subscribe = Packets.subscribe(level, 1, Subscription.of(clients.topic("flags"), 0));

        // [MQTT-3.8.1-1] SUBSCRIBE flags MUST be 0010; send 0000 instead (first byte 0x80).
        subscribe[0] = (byte) 0x80;
        client.send(subscribe);

        assertRejected(client, level, MALFORMED);
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void subscribeWithoutTopicFiltersIsRejected(int level) {
        RawMqttClient client = connected(level);

        // 3.1.1 [MQTT-3.8.3-3] / 5.0 [MQTT-3.8.3-2]: at least one Topic Filter and options pair.
        client.send(Packets.subscribe(level, 1));

        assertRejected(client, level, MALFORMED, PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void pubrelWithWrongFixedHeaderFlagsIsMalformed(int level) {
        RawMqttClient client = connected(level);
        client.publish(Publish.of(clients.topic("pubrel"), "x").withQos(2, 3));
        assertThat(client.readAck(PacketType.PUBREC).packetId()).isEqualTo(3);

        // [MQTT-3.6.1-1] PUBREL flags MUST be 0010; send 0000 (first byte 0x60).
        client.send(Packets.raw(0x60, new byte[] {0x02, 0x00, 0x03}));

        assertRejected(client, level, MALFORMED);
    }

    @Test
    void disconnectSettingSessionExpiryAfterConnectWithZeroIsAProtocolErrorAndPublishesTheWill() {
        String willTopic = clients.topic("bad-disconnect");
        Inbox<Mqtt5Publish> watcher = clients.subscriber(willTopic);
        RawMqttClient client = clients.raw();
        assertThat(client.connect(Connect.v5(clients.id("baddisc"))
                .will(Will.of(willTopic, "not a real disconnect"))).reasonCode()).isZero();

        client.send(Packets.disconnect(0x00, Properties.none().with(PropertyId.SESSION_EXPIRY_INTERVAL, 30)));

        // 5.0 3.14.2.2.2: with a zero Session Expiry in CONNECT, a non-zero one in DISCONNECT is a Protocol Error;
        // the packet is not a valid DISCONNECT, so the Will Message is not discarded.
        assertRejected(client, Connect.V5, PROTOCOL_ERROR);
        assertThat(Clients.text(watcher.next())).isEqualTo("not a real disconnect");
    }

    private RawMqttClient connected(int level) {
        RawMqttClient client = clients.raw();
        Connect connect = level == Connect.V5 ? Connect.v5(clients.id("bad")) : Connect.v311(clients.id("bad"));
        assertThat(client.connect(connect).reasonCode()).isZero();
        return client;
    }

    /**
     * The server closes the connection; before that it sends nothing for 3.1.1 and at most a DISCONNECT with one of
     * {@code v5ReasonCodes} for 5.0. Then a new client still gets service.
     */
    private void assertRejected(RawMqttClient client, int level, Integer... v5ReasonCodes) {
        List<MqttPacket> beforeClose = client.awaitClosed(CLOSE_TIMEOUT);
        if (level == Connect.V311) {
            assertThat(beforeClose).as("3.1.1: close without sending anything").isEmpty();
        } else {
            assertThat(beforeClose).hasSizeLessThanOrEqualTo(1);
            beforeClose.forEach(packet -> {
                assertThat(packet.type()).isEqualTo(PacketType.DISCONNECT);
                assertThat(RawMqttClient.asDisconnect(packet).reasonCode()).isIn((Object[]) v5ReasonCodes);
            });
        }
        clients.assertHubStillServes();
    }
}
