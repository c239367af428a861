package io.thingbus.mqtt.internal.pipeline;

import static io.thingbus.mqtt.internal.pipeline.EmbeddedClient.connectPacket;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.mqtt.internal.connection.ClientLimits;
import io.thingbus.mqtt.internal.connection.ConnectionState;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CONNECT handling and CONNACK contents (MQTT 3.1.1 section 3.1/3.2, MQTT 5 sections 3.1 and 3.2). */
class ConnectHandlerTest {

    private EmbeddedBroker broker = new EmbeddedBroker();

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private static int returnCode(MqttConnAckMessage connAck) {
        return connAck.variableHeader().connectReturnCode().byteValue() & 0xFF;
    }

    private static Object property(MqttConnAckMessage connAck, int id) {
        MqttProperties.MqttProperty<?> property = connAck.variableHeader().properties().getProperty(id);
        return property == null ? null : property.value();
    }

    @Test
    void acceptsAnMqtt311Connect() {
        EmbeddedClient client = broker.newClient();

        MqttConnAckMessage connAck = client.connect(connectPacket(MqttVersion.MQTT_3_1_1, "device-1").build());

        assertThat(returnCode(connAck)).isZero();
        assertThat(connAck.variableHeader().isSessionPresent()).isFalse();
        assertThat(connAck.variableHeader().properties().isEmpty()).isTrue();
        assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(client.connection().client().clientId()).isEqualTo("device-1");
        assertThat(client.connection().client().version()).isEqualTo(MqttVersion.MQTT_3_1_1);
        assertThat(client.connection().client().limits())
                .isEqualTo(ClientLimits.unstated(ConnectHandler.MQTT3_RECEIVE_MAXIMUM));
        assertThat(broker.sessions.get("device-1")).isSameAs(client.connection().session());
        client.expectNothing();
    }

    @Test
    void anMqtt311ConnackIsTheFourByteForm() {
        EmbeddedClient client = broker.newClient();
        client.send(connectPacket(MqttVersion.MQTT_3_1_1, "device-1").build());

        // CONNACK, remaining length 2, no session present, return code 0 (accepted)
        assertThat(client.rawOutput()).containsExactly(0x20, 0x02, 0x00, 0x00);
    }

    @Test
    void announcesTheHubsLimitsAndAssignsAClientIdOnMqtt5() {
        EmbeddedClient client = broker.newClient();

        MqttConnAckMessage connAck = client.connect(connectPacket(MqttVersion.MQTT_5, "").build());

        assertThat(returnCode(connAck)).isZero();
        String assigned = (String) property(connAck, MqttProperties.ASSIGNED_CLIENT_IDENTIFIER);
        assertThat(assigned).startsWith("tb-");
        assertThat(client.connection().client().clientId()).isEqualTo(assigned);
        assertThat(broker.sessions.get(assigned)).isNotNull();
        assertThat(property(connAck, MqttProperties.RECEIVE_MAXIMUM)).isEqualTo(broker.config.receiveMaximum());
        assertThat(property(connAck, MqttProperties.MAXIMUM_PACKET_SIZE)).isEqualTo(broker.config.maxPacketSize());
        assertThat(property(connAck, MqttProperties.TOPIC_ALIAS_MAXIMUM)).isEqualTo(broker.config.topicAliasMaximum());
        assertThat(property(connAck, MqttProperties.SERVER_KEEP_ALIVE)).as("keep-alive not capped").isNull();
        assertThat(property(connAck, MqttProperties.SESSION_EXPIRY_INTERVAL)).as("expiry not capped").isNull();
    }

    @Test
    void twoEmptyClientIdsGetDifferentAssignedIds() {
        MqttConnAckMessage first = broker.newClient().connect(connectPacket(MqttVersion.MQTT_5, "").build());
        MqttConnAckMessage second = broker.newClient().connect(connectPacket(MqttVersion.MQTT_5, "").build());

        assertThat(property(first, MqttProperties.ASSIGNED_CLIENT_IDENTIFIER))
                .isNotEqualTo(property(second, MqttProperties.ASSIGNED_CLIENT_IDENTIFIER));
    }

    @Test
    void anExplicitClientIdIsNotEchoed() {
        MqttConnAckMessage connAck = broker.newClient().connect(connectPacket(MqttVersion.MQTT_5, "device-1").build());

        assertThat(property(connAck, MqttProperties.ASSIGNED_CLIENT_IDENTIFIER)).isNull();
    }

    @Test
    void takesTheClientsStatedLimits() {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, 5));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, 2_000));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, 3));
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.REQUEST_PROBLEM_INFORMATION, 0));
        EmbeddedClient client = broker.newClient();

        client.connect(connectPacket(MqttVersion.MQTT_5, "device-1").properties(properties).build());

        assertThat(client.connection().client().limits()).isEqualTo(new ClientLimits(5, 2_000, 3, false));
    }

    @Test
    void defaultsTheLimitsAnMqtt5ClientLeavesOut() {
        EmbeddedClient client = broker.newClient();

        client.connect(connectPacket(MqttVersion.MQTT_5, "device-1").build());

        assertThat(client.connection().client().limits()).isEqualTo(new ClientLimits(65_535, Integer.MAX_VALUE, 0, true));
    }

    @Test
    void capsKeepAliveAndTellsTheMqtt5ClientWithServerKeepAlive() {
        broker = new EmbeddedBroker(MqttServerConfig.defaults().withMaxKeepAlive(Duration.ofSeconds(60)));

        EmbeddedClient tooLong = broker.newClient();
        MqttConnAckMessage capped = tooLong.connect(connectPacket(MqttVersion.MQTT_5, "a").keepAlive(120).build());
        EmbeddedClient none = broker.newClient();
        MqttConnAckMessage zero = none.connect(connectPacket(MqttVersion.MQTT_5, "b").keepAlive(0).build());
        EmbeddedClient within = broker.newClient();
        MqttConnAckMessage kept = within.connect(connectPacket(MqttVersion.MQTT_5, "c").keepAlive(30).build());

        assertThat(property(capped, MqttProperties.SERVER_KEEP_ALIVE)).isEqualTo(60);
        assertThat(tooLong.connection().client().keepAliveSeconds()).isEqualTo(60);
        assertThat(property(zero, MqttProperties.SERVER_KEEP_ALIVE)).as("0 means none, which the cap forbids").isEqualTo(60);
        assertThat(none.connection().client().keepAliveSeconds()).isEqualTo(60);
        assertThat(property(kept, MqttProperties.SERVER_KEEP_ALIVE)).isNull();
        assertThat(within.connection().client().keepAliveSeconds()).isEqualTo(30);
    }

    @Test
    void theKeepAliveSweepHoldsTheClientToTheCappedKeepAlive() {
        broker = new EmbeddedBroker(MqttServerConfig.defaults().withMaxKeepAlive(Duration.ofSeconds(60)));
        EmbeddedClient client = broker.newClient();
        client.connect(connectPacket(MqttVersion.MQTT_5, "a").keepAlive(120).build());
        broker.keepAlive.start();

        broker.timer.advance(Duration.ofSeconds(85));
        client.send(MqttMessage.PINGREQ);
        client.expect(MqttMessageType.PINGRESP);
        broker.timer.advance(Duration.ofSeconds(90));
        assertThat(client.isOpen()).as("90 s after the PINGREQ: not more than 1.5 x 60 s yet").isTrue();
        broker.timer.advance(Duration.ofSeconds(1));

        assertThat(client.expectDisconnect()).as("keep alive timeout").isEqualTo(0x8D);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void anMqtt311ClientKeepsItsOwnKeepAliveItCannotBeToldAnother() {
        broker = new EmbeddedBroker(MqttServerConfig.defaults().withMaxKeepAlive(Duration.ofSeconds(60)));

        EmbeddedClient none = broker.newClient();
        none.connect(connectPacket(MqttVersion.MQTT_3_1_1, "a").keepAlive(0).build());
        EmbeddedClient longer = broker.newClient();
        longer.connect(connectPacket(MqttVersion.MQTT_3_1_1, "b").keepAlive(120).build());

        // MQTT 3.1.1 section 3.1.2.10: the server disconnects after 1.5 x the client's keep-alive;
        // it has no Server Keep Alive to announce a shorter one, and 0 turns keep-alive off.
        assertThat(none.connection().client().keepAliveSeconds()).isZero();
        assertThat(longer.connection().client().keepAliveSeconds()).isEqualTo(120);
    }

    @Test
    void capsSessionExpiryAndSaysSo() {
        MqttServerConfig defaults = MqttServerConfig.defaults();
        broker = new EmbeddedBroker(defaults.toBuilder().maxSessionExpiry(Duration.ofHours(1)).build());
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 86_400));
        EmbeddedClient client = broker.newClient();

        MqttConnAckMessage connAck = client.connect(connectPacket(MqttVersion.MQTT_5, "device-1")
                .cleanSession(false).properties(properties).build());

        assertThat(property(connAck, MqttProperties.SESSION_EXPIRY_INTERVAL)).isEqualTo(3_600);
        assertThat(client.connection().session().expiryIntervalSeconds()).isEqualTo(3_600);
    }

    @Test
    void reportsSessionPresentWhenResuming() {
        MqttProperties expiry = new MqttProperties();
        expiry.add(new MqttProperties.IntegerProperty(MqttProperties.SESSION_EXPIRY_INTERVAL, 300));
        EmbeddedClient first = broker.newClient();
        first.connect(connectPacket(MqttVersion.MQTT_5, "device-1").cleanSession(false).properties(expiry).build());
        first.server.close();

        MqttConnAckMessage resumed = broker.newClient().connect(connectPacket(MqttVersion.MQTT_5, "device-1")
                .cleanSession(false).properties(expiry).build());
        MqttConnAckMessage cleaned = broker.newClient().connect(connectPacket(MqttVersion.MQTT_5, "device-1")
                .cleanSession(true).properties(expiry).build());

        assertThat(resumed.variableHeader().isSessionPresent()).isTrue();
        assertThat(cleaned.variableHeader().isSessionPresent()).isFalse();
    }

    @Test
    void anMqtt311PersistentSessionIsResumed() {
        EmbeddedClient first = broker.newClient();
        first.connect(connectPacket(MqttVersion.MQTT_3_1_1, "device-1").cleanSession(false).build());
        first.server.close();

        MqttConnAckMessage resumed = broker.newClient()
                .connect(connectPacket(MqttVersion.MQTT_3_1_1, "device-1").cleanSession(false).build());

        assertThat(resumed.variableHeader().isSessionPresent()).isTrue();
    }

    @Test
    void anMqtt311CleanSessionEndsAtDisconnect() {
        EmbeddedClient first = broker.newClient();
        first.connect(connectPacket(MqttVersion.MQTT_3_1_1, "device-1").cleanSession(true).build());

        first.server.close();

        assertThat(broker.sessions.get("device-1")).isNull();
    }

    @Test
    void aSecondConnectionWithTheSameClientIdTakesOverTheSession() {
        EmbeddedClient first = broker.newClient().connected(MqttVersion.MQTT_5, "device-1");
        EmbeddedClient second = broker.newClient();

        MqttConnAckMessage connAck = second.connect(connectPacket(MqttVersion.MQTT_5, "device-1").cleanSession(false).build());

        assertThat(returnCode(connAck)).isZero();
        assertThat(first.expectDisconnect()).as("Session taken over").isEqualTo(0x8E);
        assertThat(first.isOpen()).isFalse();
        assertThat(second.isOpen()).isTrue();
        assertThat(broker.sessions.get("device-1").isConnected()).as("the old close leaves the new owner").isTrue();
        assertThat(second.connection().session()).isSameAs(broker.sessions.get("device-1"));
    }

    @Test
    void anMqtt311TakeoverClosesTheOldConnectionWithoutAPacket() {
        EmbeddedClient first = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "device-1");

        broker.newClient().connected(MqttVersion.MQTT_3_1_1, "device-1");

        assertThat(first.isOpen()).isFalse();
        first.expectNothing();
    }

    @Test
    void refusesAnUnsupportedProtocolLevelWithTheMqtt311ReturnCode() {
        EmbeddedClient client = broker.newClient();

        client.sendBytes(
                0x10, 0x0D,                   // CONNECT, remaining length 13
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name
                0x06,                         // protocol level 6: no such MQTT
                0x02,                         // flags: clean session
                0x00, 0x3C,                   // keep-alive 60 s
                0x00, 0x01, 'c');             // client id "c"

        // CONNACK, remaining length 2, no session present, 0x01 unacceptable protocol version
        assertThat(client.rawOutput()).containsExactly(0x20, 0x02, 0x00, 0x01);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void refusesAnEmptyClientIdWithoutCleanSessionOnMqtt311() {
        EmbeddedClient client = broker.newClient();

        MqttConnAckMessage connAck = client.connect(connectPacket(MqttVersion.MQTT_3_1_1, "").cleanSession(false).build());

        assertThat(returnCode(connAck)).as("identifier rejected").isEqualTo(0x02);
        assertThat(client.isOpen()).isFalse();
        assertThat(broker.sessions.size()).isZero();
    }

    @Test
    void closesAnMqtt311ConnectWithAPasswordButNoUserName() {
        EmbeddedClient client = broker.newClient();

        client.sendBytes(
                0x10, 0x11,                   // CONNECT, remaining length 17
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name
                0x04,                         // protocol level 4: MQTT 3.1.1
                0x42,                         // flags: password, clean session, no user name
                0x00, 0x3C,                   // keep-alive 60 s
                0x00, 0x01, 'c',              // client id "c"
                0x00, 0x02, 'p', 'w');        // password "pw"

        assertThat(client.rawOutput()).as("3.1.1 has no return code for a protocol error").isEmpty();
        assertThat(client.isOpen()).isFalse();
        assertThat(broker.sessions.size()).isZero();
    }

    @Test
    void refusesAWillTopicWithWildcards() {
        EmbeddedClient client = broker.newClient().readsAs(MqttVersion.MQTT_5);

        client.sendBytes(
                0x10, 0x15,                   // CONNECT, remaining length 21
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name
                0x05,                         // protocol level 5
                0x0E,                         // flags: will QoS 1 (0x08), will flag (0x04), clean start (0x02)
                0x00, 0x3C,                   // keep-alive 60 s
                0x00,                         // no properties
                0x00, 0x01, 'c',              // client id "c"
                0x00,                         // no will properties
                0x00, 0x01, '#',              // will topic "#": a filter, not a topic name
                0x00, 0x01, 'x');             // will payload "x"

        MqttConnAckMessage connAck = client.expect(MqttMessageType.CONNACK);
        assertThat(returnCode(connAck)).as("topic name invalid").isEqualTo(0x90);
        assertThat(property(connAck, MqttProperties.REASON_STRING)).isEqualTo("will topic '#'");
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void refusesAnMqtt5WillWithQos3() {
        EmbeddedClient client = broker.newClient().readsAs(MqttVersion.MQTT_5);

        client.sendBytes(
                0x10, 0x15,                   // CONNECT, remaining length 21
                0x00, 0x04, 'M', 'Q', 'T', 'T', // protocol name
                0x05,                         // protocol level 5
                0x1E,                         // flags: will QoS 3 (0x18), will flag (0x04), clean start (0x02)
                0x00, 0x3C,                   // keep-alive 60 s
                0x00,                         // no properties
                0x00, 0x01, 'c',              // client id "c"
                0x00,                         // no will properties
                0x00, 0x01, 'w',              // will topic "w"
                0x00, 0x01, 'x');             // will payload "x"

        MqttConnAckMessage connAck = client.expect(MqttMessageType.CONNACK);
        assertThat(returnCode(connAck)).as("malformed packet").isEqualTo(0x81);
        assertThat(property(connAck, MqttProperties.REASON_STRING)).isEqualTo("will QoS 3");
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void refusesMqtt5ConnectsWithForbiddenPropertyValues() {
        int[][] cases = {
                {MqttProperties.RECEIVE_MAXIMUM, 0, 0x82},
                {MqttProperties.MAXIMUM_PACKET_SIZE, 0, 0x82}};
        for (int[] c : cases) {
            MqttProperties properties = new MqttProperties();
            properties.add(new MqttProperties.IntegerProperty(c[0], c[1]));
            EmbeddedClient client = broker.newClient();

            MqttConnAckMessage connAck = client.connect(connectPacket(MqttVersion.MQTT_5, "device-1").properties(properties).build());

            assertThat(returnCode(connAck)).as("property 0x%02X = %d", c[0], c[1]).isEqualTo(c[2]);
            assertThat(client.isOpen()).isFalse();
        }
        MqttProperties authentication = new MqttProperties();
        authentication.add(new MqttProperties.StringProperty(MqttProperties.AUTHENTICATION_METHOD, "SCRAM-SHA-256"));
        EmbeddedClient client = broker.newClient();

        MqttConnAckMessage connAck = client.connect(connectPacket(MqttVersion.MQTT_5, "device-1").properties(authentication).build());

        assertThat(returnCode(connAck)).as("bad authentication method").isEqualTo(0x8C);
        assertThat(broker.sessions.size()).isZero();
    }

    @Test
    void answersPingReqWithPingResp() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "device-1");
        long before = client.connection().lastReadMillis();
        broker.clock.advance(Duration.ofSeconds(5));

        client.send(MqttMessage.PINGREQ);

        // PINGRESP: type 13, remaining length 0
        assertThat(client.rawOutput()).containsExactly(0xD0, 0x00);
        assertThat(client.connection().lastReadMillis()).isEqualTo(before + 5_000);

        client.send(MqttMessage.PINGREQ);
        client.expect(MqttMessageType.PINGRESP);
    }

    @Test
    void closesAConnectionWhoseFirstPacketIsNotConnect() {
        EmbeddedClient client = broker.newClient();

        client.send(MqttMessage.PINGREQ);

        assertThat(client.isOpen()).isFalse();
        assertThat(client.rawOutput()).isEmpty();
    }

    @Test
    void aSecondConnectIsAProtocolError() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_5, "device-1");

        client.send(connectPacket(MqttVersion.MQTT_5, "device-1").build());

        assertThat(client.expectDisconnect()).isEqualTo(0x82);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void aSecondMqtt311ConnectClosesWithoutAPacket() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "device-1");

        client.send(connectPacket(MqttVersion.MQTT_3_1_1, "device-1").build());

        assertThat(client.isOpen()).isFalse();
        client.expectNothing();
    }

    @Test
    void aClosedConnectionLeavesTheKeepAliveSweep() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_5, "device-1");
        EmbeddedClient idle = broker.newClient();
        assertThat(broker.keepAlive.size()).isEqualTo(2);

        client.server.close();
        idle.server.close();

        assertThat(broker.keepAlive.size()).isZero();
        assertThat(client.connection().state()).isEqualTo(ConnectionState.CLOSED);
    }
}
