package io.thingbus.mqtt.internal.pipeline;

import static io.thingbus.mqtt.internal.pipeline.EmbeddedClient.connectPacket;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.mqtt.internal.connection.ConnectionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Packets the decoder cannot read, and packets a server must not receive: each becomes the right
 * reason code (MQTT 5 section 4.13: DISCONNECT where connected, CONNACK during CONNECT) or, for MQTT
 * 3.1.1 and before CONNECT, a plain close.
 */
class DecoderFailureHandlerTest {

    private EmbeddedBroker broker = new EmbeddedBroker();

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private EmbeddedClient connectedMqtt5() {
        return broker.newClient().connected(MqttVersion.MQTT_5, "device-1");
    }

    @Test
    void reservedPacketTypeBeforeConnectClosesWithoutAPacket() {
        EmbeddedClient client = broker.newClient();

        client.sendBytes(0x00, 0x00); // packet type 0 is reserved, remaining length 0

        assertThat(client.isOpen()).isFalse();
        assertThat(client.rawOutput()).isEmpty();
    }

    @Test
    void reservedPacketTypeAfterConnectIsAMalformedPacket() {
        EmbeddedClient client = connectedMqtt5();

        client.sendBytes(0x00, 0x00); // packet type 0 is reserved, remaining length 0

        assertThat(client.expectDisconnect()).isEqualTo(0x81);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void aRemainingLengthOfFiveBytesIsAMalformedPacket() {
        EmbeddedClient client = connectedMqtt5();

        client.sendBytes(0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01); // PUBLISH, remaining length with 5 continuation bytes

        assertThat(client.expectDisconnect()).isEqualTo(0x81);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void publishWithQos3IsAMalformedPacket() {
        EmbeddedClient client = connectedMqtt5();

        client.sendBytes(
                0x36, 0x06,           // PUBLISH with QoS bits 11 (QoS 3), remaining length 6
                0x00, 0x01, 't',      // topic "t"
                0x00, 0x01,           // packet id 1
                0x00);                // no properties

        assertThat(client.expectDisconnect()).isEqualTo(0x81);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void publishWithQos3OnMqtt311JustCloses() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "device-1");

        client.sendBytes(
                0x36, 0x05,           // PUBLISH with QoS bits 11 (QoS 3), remaining length 5
                0x00, 0x01, 't',      // topic "t"
                0x00, 0x01);          // packet id 1

        assertThat(client.isOpen()).isFalse();
        client.expectNothing();
    }

    @Test
    void inputAfterAMalformedPacketIsIgnored() {
        EmbeddedClient client = connectedMqtt5();
        client.subscribe(1, "t", MqttQoS.AT_MOST_ONCE);

        client.sendBytes(0x00, 0x00,  // reserved packet type 0
                0xC0, 0x00);          // PINGREQ in the same read
        assertThat(client.expectDisconnect()).isEqualTo(0x81);
        client.expectNothing();
    }

    @Test
    void aMalformedMqtt5ConnectIsRefusedWithConnack() {
        EmbeddedClient client = broker.newClient().readsAs(MqttVersion.MQTT_5);

        client.sendBytes(
                0x10, 0x0E,                   // CONNECT, remaining length 14
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name
                0x05,                         // protocol level 5
                0x03,                         // flags: clean start and the reserved bit 0, which must be 0
                0x00, 0x3C,                   // keep-alive 60 s
                0x00,                         // no properties
                0x00, 0x01, 'c');             // client id "c"

        MqttConnAckMessage connAck = client.expect(MqttMessageType.CONNACK);
        assertThat(connAck.variableHeader().connectReturnCode().byteValue() & 0xFF).isEqualTo(0x81);
        assertThat(connAck.variableHeader().properties().getProperty(MqttProperties.REASON_STRING).value())
                .isEqualTo("non-zero reserved flag");
        assertThat(client.isOpen()).isFalse();
        assertThat(broker.sessions.size()).isZero();
    }

    @Test
    void aMalformedMqtt311ConnectJustCloses() {
        EmbeddedClient client = broker.newClient();

        client.sendBytes(
                0x10, 0x0D,                   // CONNECT, remaining length 13
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name
                0x04,                         // protocol level 4
                0x03,                         // flags: clean session and the reserved bit 0, which must be 0
                0x00, 0x3C,                   // keep-alive 60 s
                0x00, 0x01, 'c');             // client id "c"

        assertThat(client.rawOutput()).as("3.1.1 has no return code for a malformed CONNECT").isEmpty();
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void aPacketLargerThanTheMaximumPacketSizeIsRefusedWithPacketTooLarge() {
        broker = new EmbeddedBroker(MqttServerConfig.defaults().withMaxPacketSize(128));
        EmbeddedClient client = connectedMqtt5();
        EmbeddedClient subscriber = broker.newClient().connected(MqttVersion.MQTT_5, "subscriber");
        subscriber.subscribe(1, "t", MqttQoS.AT_MOST_ONCE);

        // 1 (type) + 1 (remaining length) + 3 (topic "t") + 1 (properties) + payload = the packet size
        client.publish("t", MqttQoS.AT_MOST_ONCE, 0, "x".repeat(128 - 6));
        assertThat(subscriber.expectPublish().payload()).hasSize(122);
        assertThat(client.isOpen()).as("exactly the maximum packet size is allowed").isTrue();

        client.publish("t", MqttQoS.AT_MOST_ONCE, 0, "x".repeat(128 - 6 + 1));

        assertThat(client.expectDisconnect()).isEqualTo(0x95);
        assertThat(client.isOpen()).isFalse();
        subscriber.expectNothing();
    }

    @Test
    void aConnectLargerThanTheMaximumPacketSizeIsRefusedWithPacketTooLarge() {
        broker = new EmbeddedBroker(MqttServerConfig.defaults().withMaxPacketSize(64));
        EmbeddedClient client = broker.newClient();

        MqttConnAckMessage connAck = client.connect(connectPacket(MqttVersion.MQTT_5, "c".repeat(100)).build());

        assertThat(connAck.variableHeader().connectReturnCode().byteValue() & 0xFF).isEqualTo(0x95);
        assertThat(client.isOpen()).isFalse();
        assertThat(broker.sessions.size()).isZero();
    }

    @Test
    void publishingToATopicWithWildcardsIsTopicNameInvalidOnMqtt5() {
        EmbeddedClient client = connectedMqtt5();

        client.sendBytes(
                0x30, 0x06,               // PUBLISH QoS 0, remaining length 6
                0x00, 0x03, 'a', '/', '+', // topic "a/+"
                0x00);                    // no properties

        assertThat(client.expectDisconnect()).isEqualTo(0x90);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void publishingToATopicWithWildcardsJustClosesOnMqtt311() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "device-1");

        client.sendBytes(
                0x30, 0x04,               // PUBLISH QoS 0, remaining length 4
                0x00, 0x01, '#',          // topic "#"
                'x');                     // payload

        assertThat(client.isOpen()).isFalse();
        client.expectNothing();
    }

    @Test
    void packetsOnlyAServerSendsAreAProtocolError() {
        EmbeddedClient client = connectedMqtt5();

        client.send(MqttMessageBuilders.connAck().returnCode(io.netty.handler.codec.mqtt.MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .properties(MqttProperties.NO_PROPERTIES).build());

        assertThat(client.expectDisconnect()).isEqualTo(0x82);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void pingRespFromTheClientIsAProtocolError() {
        EmbeddedClient client = connectedMqtt5();

        client.send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0)));

        assertThat(client.expectDisconnect()).isEqualTo(0x82);
    }

    @Test
    void theDisconnectCarriesAReasonStringUnlessTheClientAskedForNone() {
        MqttProperties noProblemInformation = new MqttProperties();
        noProblemInformation.add(new MqttProperties.IntegerProperty(MqttProperties.REQUEST_PROBLEM_INFORMATION, 0));
        EmbeddedClient quiet = broker.newClient();
        quiet.connect(connectPacket(MqttVersion.MQTT_5, "quiet").properties(noProblemInformation).build());
        EmbeddedClient verbose = broker.newClient().connected(MqttVersion.MQTT_5, "verbose");

        quiet.sendBytes(0x00, 0x00);
        verbose.sendBytes(0x00, 0x00);

        MqttMessage quietDisconnect = quiet.expect(MqttMessageType.DISCONNECT);
        MqttMessage verboseDisconnect = verbose.expect(MqttMessageType.DISCONNECT);
        assertThat(reasonString(quietDisconnect)).isNull();
        assertThat(reasonString(verboseDisconnect)).isNotBlank();
    }

    private static String reasonString(MqttMessage disconnect) {
        MqttProperties properties =
                ((io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).properties();
        MqttProperties.MqttProperty<?> reason = properties.getProperty(MqttProperties.REASON_STRING);
        return reason == null ? null : (String) reason.value();
    }

    @Test
    void aClosedConnectionIsNoLongerConnected() {
        EmbeddedClient client = connectedMqtt5();

        client.sendBytes(0x00, 0x00);

        assertThat(client.connection().state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(broker.sessions.get("device-1")).as("clean start, expiry 0: gone").isNull();
    }
}
