package io.thingbus.mqtt.internal.pipeline;

import static io.thingbus.mqtt.internal.pipeline.EmbeddedClient.connectPacket;
import static io.thingbus.mqtt.internal.pipeline.TestAuthenticators.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ACL on every PUBLISH and SUBSCRIBE. User "good" may use "a" and below; "watcher" may use
 * everything and sees what gets through. Denied publishes are refused 0x87 in MQTT 5 and acknowledged
 * but dropped in MQTT 3.1.1 (section 3.3.5); denied filters get 0x87 / 0x80 in their SUBACK slot.
 */
class AccessControlTest {

    private final EmbeddedBroker broker = new EmbeddedBroker(TestAuthenticators.USERS);
    private EmbeddedClient watcher;

    @BeforeEach
    void watchEverything() {
        watcher = as(MqttVersion.MQTT_5, "watcher", "watcher");
        assertThat(watcher.subscribe(1, "#", MqttQoS.EXACTLY_ONCE)).containsExactly(2);
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private EmbeddedClient as(MqttVersion version, String clientId, String user) {
        EmbeddedClient client = broker.newClient();
        MqttConnAckMessage connAck = client.connect(connectPacket(version, clientId).username(user).password(SECRET).build());
        assertThat(connAck.variableHeader().connectReturnCode().byteValue()).isZero();
        return client;
    }

    private EmbeddedClient good(MqttVersion version) {
        return as(version, "good-" + version, "good");
    }

    // ---- PUBLISH, MQTT 5 ----

    @Test
    void anAllowedPublishIsRouted() {
        EmbeddedClient client = good(MqttVersion.MQTT_5);

        client.publish("a/1", MqttQoS.AT_LEAST_ONCE, 1, "ok");

        assertThat(client.expectReply(MqttMessageType.PUBACK)).containsExactly(1, 0);
        assertThat(watcher.expectPublish().topic()).isEqualTo("a/1");
    }

    @Test
    void aDeniedQos0PublishIsDroppedOnMqtt5() {
        EmbeddedClient client = good(MqttVersion.MQTT_5);

        client.publish("b/1", MqttQoS.AT_MOST_ONCE, 0, "no");

        client.expectNothing();
        watcher.expectNothing();
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aDeniedQos1PublishIsAnsweredNotAuthorizedOnMqtt5() {
        EmbeddedClient client = good(MqttVersion.MQTT_5);

        client.publish("b/1", MqttQoS.AT_LEAST_ONCE, 4, "no");

        assertThat(client.expectReply(MqttMessageType.PUBACK)).containsExactly(4, 0x87);
        watcher.expectNothing();
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aDeniedQos2PublishEndsAtPubrecNotAuthorizedOnMqtt5() {
        EmbeddedClient client = good(MqttVersion.MQTT_5);

        client.publish("b/1", MqttQoS.EXACTLY_ONCE, 5, "no");

        assertThat(client.expectReply(MqttMessageType.PUBREC)).containsExactly(5, 0x87);
        assertThat(client.connection().session().isInboundQos2Pending(5)).as("no exchange to release").isFalse();
        client.publish("a/1", MqttQoS.EXACTLY_ONCE, 5, "allowed, same packet id");
        assertThat(client.expectReply(MqttMessageType.PUBREC)).containsExactly(5, 0);
        assertThat(watcher.expectPublish().payload()).as("not mistaken for a resend").isEqualTo("allowed, same packet id");
    }

    @Test
    void aDeniedRetainedPublishIsNotRetained() {
        EmbeddedClient client = good(MqttVersion.MQTT_5);

        client.send(MqttMessageBuilders.publish().topicName("b/state").qos(MqttQoS.AT_LEAST_ONCE).messageId(2)
                .retained(true).payload(Unpooled.copiedBuffer("no", StandardCharsets.UTF_8)).build());

        assertThat(client.expectReply(MqttMessageType.PUBACK)).containsExactly(2, 0x87);
        assertThat(broker.retained.get("b/state")).isEmpty();
    }

    @Test
    void theAclJudgesTheTopicATopicAliasStandsFor() {
        EmbeddedClient client = good(MqttVersion.MQTT_5);
        MqttProperties alias = new MqttProperties();
        alias.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, 1));

        client.publish("b/1", MqttQoS.AT_MOST_ONCE, 0, "sets the alias", alias);
        client.publish("", MqttQoS.AT_LEAST_ONCE, 6, "uses it", alias);

        assertThat(client.expectReply(MqttMessageType.PUBACK)).containsExactly(6, 0x87);
        watcher.expectNothing();
    }

    // ---- PUBLISH, MQTT 3.1.1 ----

    @Test
    void aDeniedQos0PublishIsDroppedOnMqtt311() {
        EmbeddedClient client = good(MqttVersion.MQTT_3_1_1);

        client.publish("b/1", MqttQoS.AT_MOST_ONCE, 0, "no");

        client.expectNothing();
        watcher.expectNothing();
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aDeniedQos1PublishIsAcknowledgedAndDroppedOnMqtt311() {
        EmbeddedClient client = good(MqttVersion.MQTT_3_1_1);

        client.publish("b/1", MqttQoS.AT_LEAST_ONCE, 4, "no");

        assertThat(client.expectReply(MqttMessageType.PUBACK)[0]).isEqualTo(4);
        watcher.expectNothing();
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aDeniedQos2PublishCompletesItsFlowAndIsDroppedOnMqtt311() {
        EmbeddedClient client = good(MqttVersion.MQTT_3_1_1);

        client.publish("b/1", MqttQoS.EXACTLY_ONCE, 9, "no");
        assertThat(client.expectReply(MqttMessageType.PUBREC)[0]).isEqualTo(9);
        client.reply(MqttMessageType.PUBREL, 9);

        assertThat(client.expectReply(MqttMessageType.PUBCOMP)[0]).isEqualTo(9);
        watcher.expectNothing();
        assertThat(client.isOpen()).isTrue();
    }

    // ---- SUBSCRIBE ----

    @Test
    void aDeniedFilterIsNotAuthorizedOnMqtt5() {
        EmbeddedClient client = good(MqttVersion.MQTT_5);

        assertThat(client.subscribe(2, "b/#", MqttQoS.AT_LEAST_ONCE)).containsExactly(0x87);
        assertThat(client.subscribe(3, "#", MqttQoS.AT_LEAST_ONCE)).containsExactly(0x87);
        assertThat(client.connection().session().subscriptions()).isEmpty();
    }

    @Test
    void aDeniedFilterFailsWith0x80OnMqtt311() {
        EmbeddedClient client = good(MqttVersion.MQTT_3_1_1);

        assertThat(client.subscribe(2, "b/#", MqttQoS.AT_LEAST_ONCE)).containsExactly(0x80);
        assertThat(client.connection().session().subscriptions()).isEmpty();
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void eachFilterOfOneSubscribeIsJudgedOnItsOwn() {
        EmbeddedClient client = good(MqttVersion.MQTT_5);

        client.send(MqttMessageBuilders.subscribe().messageId(4)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "a/+")
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "b/+")
                .addSubscription(MqttQoS.EXACTLY_ONCE, "a")
                .build());

        MqttSubAckMessage subAck = client.expect(MqttMessageType.SUBACK);
        assertThat(subAck.payload().reasonCodes()).containsExactly(1, 0x87, 2);
        assertThat(client.connection().session().subscriptions()).extracting(s -> s.filter().raw())
                .containsExactlyInAnyOrder("a/+", "a");
    }

    @Test
    void aDeniedFilterGetsNoRetainedMessages() {
        watcher.send(MqttMessageBuilders.publish().topicName("b/state").qos(MqttQoS.AT_MOST_ONCE)
                .retained(true).payload(Unpooled.copiedBuffer("kept", StandardCharsets.UTF_8)).build());
        watcher.expectPublish();
        EmbeddedClient client = good(MqttVersion.MQTT_5);

        assertThat(client.subscribe(2, "b/state", MqttQoS.AT_LEAST_ONCE)).containsExactly(0x87);

        client.expectNothing();
    }

    @Test
    void aSharedSubscriptionIsJudgedByItsTopicFilterNotItsShareName() {
        EmbeddedClient client = good(MqttVersion.MQTT_5);

        client.send(MqttMessageBuilders.subscribe().messageId(5)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "$share/b/a/#")
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "$share/a/b/#")
                .build());

        MqttSubAckMessage subAck = client.expect(MqttMessageType.SUBACK);
        assertThat(subAck.payload().reasonCodes()).containsExactly(1, 0x87);
        assertThat(client.connection().session().subscriptions()).extracting(s -> s.filter().raw())
                .containsExactly("$share/b/a/#");
    }
}
