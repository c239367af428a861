package io.thingbus.mqtt.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.storage.DiskSpaceGuard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PUBLISH from a client: topic aliases (MQTT 5 section 3.3.2.3.4), receive maximum (4.9) and QoS 1/2 acknowledgements (4.3). */
class PublishHandlerTest {

    private EmbeddedBroker broker = new EmbeddedBroker();

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private static MqttProperties alias(int alias) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, alias));
        return properties;
    }

    private EmbeddedClient subscriber(String filter) {
        EmbeddedClient subscriber = broker.newClient().connected(MqttVersion.MQTT_5, "subscriber");
        subscriber.subscribe(1, filter, MqttQoS.EXACTLY_ONCE);
        return subscriber;
    }

    @Test
    void aTopicAliasSetOnceStandsForItsTopicAfterwards() {
        EmbeddedClient subscriber = subscriber("sensors/#");
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        publisher.publish("sensors/1/temperature", MqttQoS.AT_MOST_ONCE, 0, "21", alias(1));
        publisher.publish("", MqttQoS.AT_MOST_ONCE, 0, "22", alias(1));
        publisher.publish("sensors/2/temperature", MqttQoS.AT_MOST_ONCE, 0, "23", alias(1));
        publisher.publish("", MqttQoS.AT_MOST_ONCE, 0, "24", alias(1));

        assertThat(subscriber.expectPublish().topic()).isEqualTo("sensors/1/temperature");
        assertThat(subscriber.expectPublish().topic()).isEqualTo("sensors/1/temperature");
        assertThat(subscriber.expectPublish().topic()).isEqualTo("sensors/2/temperature");
        EmbeddedClient.Publish last = subscriber.expectPublish();
        assertThat(last.topic()).as("the alias was remapped").isEqualTo("sensors/2/temperature");
        assertThat(last.payload()).isEqualTo("24");
        assertThat(publisher.isOpen()).isTrue();
    }

    @Test
    void topicAliasZeroIsInvalid() {
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        publisher.publish("t", MqttQoS.AT_MOST_ONCE, 0, "x", alias(0));

        assertThat(publisher.expectDisconnect()).isEqualTo(0x94);
        assertThat(publisher.isOpen()).isFalse();
    }

    @Test
    void aTopicAliasAboveTheMaximumIsInvalid() {
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");
        int maximum = broker.config.topicAliasMaximum();

        publisher.publish("t", MqttQoS.AT_MOST_ONCE, 0, "x", alias(maximum));
        assertThat(publisher.isOpen()).as("the maximum itself is valid").isTrue();
        publisher.publish("t", MqttQoS.AT_MOST_ONCE, 0, "x", alias(maximum + 1));

        assertThat(publisher.expectDisconnect()).isEqualTo(0x94);
    }

    @Test
    void anAliasThatWasNeverSetIsAProtocolError() {
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        publisher.publish("", MqttQoS.AT_MOST_ONCE, 0, "x", alias(3));

        assertThat(publisher.expectDisconnect()).isEqualTo(0x82);
    }

    @Test
    void anEmptyTopicWithoutAliasIsAProtocolError() {
        EmbeddedClient subscriber = subscriber("#");
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        publisher.publish("", MqttQoS.AT_LEAST_ONCE, 1, "x");

        assertThat(publisher.expectDisconnect()).isEqualTo(0x82);
        subscriber.expectNothing();
    }

    @Test
    void anEmptyTopicOnMqtt311Closes() {
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "publisher");

        publisher.publish("", MqttQoS.AT_MOST_ONCE, 0, "x");

        assertThat(publisher.isOpen()).isFalse();
        publisher.expectNothing();
    }

    @Test
    void moreUnacknowledgedQos2PublishesThanTheReceiveMaximumDisconnect() {
        broker = new EmbeddedBroker(MqttServerConfig.defaults().withReceiveMaximum(2));
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 1, "a");
        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 2, "b");
        assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(1, 0);
        assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(2, 0);

        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 3, "c");

        assertThat(publisher.expectDisconnect()).isEqualTo(0x93);
        assertThat(publisher.isOpen()).isFalse();
    }

    @Test
    void anMqtt311ClientAtTheReceiveMaximumIsHeldBackNotDisconnected() {
        broker = new EmbeddedBroker(MqttServerConfig.defaults().withReceiveMaximum(2));
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "publisher");

        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 1, "a");
        assertThat(publisher.server.config().isAutoRead()).as("one of two in flight").isTrue();
        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 2, "b");
        assertThat(publisher.server.config().isAutoRead()).as("3.1.1 cannot be told a limit: reading stops").isFalse();
        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 3, "c (already read)");

        assertThat(publisher.isOpen()).isTrue();
        for (int packetId = 1; packetId <= 3; packetId++) {
            assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(packetId, 0);
        }
        publisher.reply(MqttMessageType.PUBREL, 1);
        publisher.reply(MqttMessageType.PUBREL, 2);
        assertThat(publisher.server.config().isAutoRead()).as("below the limit again: reading resumes").isTrue();
    }

    @Test
    void pubRelFreesASlotOfTheReceiveMaximum() {
        broker = new EmbeddedBroker(MqttServerConfig.defaults().withReceiveMaximum(1));
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        for (int packetId = 1; packetId <= 5; packetId++) {
            publisher.publish("t", MqttQoS.EXACTLY_ONCE, packetId, "m" + packetId);
            assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(packetId, 0);
            publisher.reply(MqttMessageType.PUBREL, packetId);
            assertThat(publisher.expectReply(MqttMessageType.PUBCOMP)).containsExactly(packetId, 0);
        }

        assertThat(publisher.isOpen()).isTrue();
    }

    @Test
    void qos1PublishesNeverCountAgainstTheReceiveMaximumOnceAcknowledged() {
        broker = new EmbeddedBroker(MqttServerConfig.defaults().withReceiveMaximum(1));
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        for (int packetId = 1; packetId <= 5; packetId++) {
            publisher.publish("t", MqttQoS.AT_LEAST_ONCE, packetId, "m");
            assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(packetId, 0);
        }
        assertThat(publisher.isOpen()).isTrue();
    }

    @Test
    void aResentQos2PublishIsAcknowledgedAgainButRoutedOnce() {
        EmbeddedClient subscriber = subscriber("t");
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 7, "once");
        publisher.send(resent("t", 7, "once"));

        assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(7, 0);
        assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(7, 0);
        assertThat(subscriber.expectPublish().payload()).isEqualTo("once");
        subscriber.expectNothing();

        publisher.reply(MqttMessageType.PUBREL, 7);
        assertThat(publisher.expectReply(MqttMessageType.PUBCOMP)).containsExactly(7, 0);
        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 7, "again");
        assertThat(subscriber.expectPublish().payload()).as("a released id starts a new message").isEqualTo("again");
    }

    @Test
    void resendingAQos2PublishDoesNotUseUpTheReceiveMaximum() {
        broker = new EmbeddedBroker(MqttServerConfig.defaults().withReceiveMaximum(2));
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        // one message, sent once and resent twice (DUP) before its PUBREL: one unacknowledged PUBLISH
        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 1, "a");
        publisher.send(resent("t", 1, "a"));
        publisher.send(resent("t", 1, "a"));
        assertThat(publisher.isOpen()).as("one message in flight, within receive maximum 2").isTrue();
        publisher.reply(MqttMessageType.PUBREL, 1);

        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 2, "b");
        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 3, "c");

        assertThat(publisher.isOpen()).as("two messages in flight, within receive maximum 2").isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(1, 0);
        }
        assertThat(publisher.expectReply(MqttMessageType.PUBCOMP)).containsExactly(1, 0);
        assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(2, 0);
        assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(3, 0);
    }

    private static MqttPublishMessage resent(String topic, int packetId, String payload) {
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, true, MqttQoS.EXACTLY_ONCE, false, 0),
                new MqttPublishVariableHeader(topic, packetId, MqttProperties.NO_PROPERTIES),
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8));
    }

    @Test
    void pubRelForAnUnknownPacketIdIsAnsweredWithPacketIdNotFound() {
        EmbeddedClient mqtt5 = broker.newClient().connected(MqttVersion.MQTT_5, "v5");
        EmbeddedClient mqtt311 = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "v311");

        mqtt5.reply(MqttMessageType.PUBREL, 9);
        mqtt311.reply(MqttMessageType.PUBREL, 9);

        assertThat(mqtt5.expectReply(MqttMessageType.PUBCOMP)).containsExactly(9, 0x92);
        assertThat(mqtt311.expectReply(MqttMessageType.PUBCOMP)).containsExactly(9, 0);
        assertThat(mqtt5.isOpen()).isTrue();
    }

    @Test
    void forwardsTheRemainingMessageExpiryInterval() {
        EmbeddedClient live = broker.newClient().connected(MqttVersion.MQTT_5, "live");
        live.subscribe(1, "r", MqttQoS.AT_LEAST_ONCE);
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");
        MqttProperties expiry = new MqttProperties();
        expiry.add(new MqttProperties.IntegerProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL, 60));
        publisher.send(io.netty.handler.codec.mqtt.MqttMessageBuilders.publish()
                .topicName("r").qos(MqttQoS.AT_LEAST_ONCE).messageId(1).retained(true).properties(expiry)
                .payload(Unpooled.copiedBuffer("retained", StandardCharsets.UTF_8)).build());
        assertThat(expiryOf(live.expectPublish())).isEqualTo(60);

        broker.clock.advance(Duration.ofMillis(20_500));
        EmbeddedClient late = broker.newClient().connected(MqttVersion.MQTT_5, "late");
        late.subscribe(1, "r", MqttQoS.AT_LEAST_ONCE);

        EmbeddedClient.Publish retained = late.expectPublish();
        assertThat(retained.retain()).isTrue();
        assertThat(expiryOf(retained)).as("60 s less the 20.5 s it waited, rounded up").isEqualTo(40);

        broker.clock.advance(Duration.ofSeconds(40));
        EmbeddedClient tooLate = broker.newClient().connected(MqttVersion.MQTT_5, "too-late");
        tooLate.subscribe(1, "r", MqttQoS.AT_LEAST_ONCE);
        tooLate.expectNothing();
    }

    private static Object expiryOf(EmbeddedClient.Publish publish) {
        MqttProperties.MqttProperty<?> property = publish.properties().getProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL);
        return property == null ? null : property.value();
    }

    @Test
    void belowTheDiskFloorAnMqtt5PublisherGetsQuotaExceededAndNothingIsRouted() {
        broker.close();
        broker = new EmbeddedBroker(MqttServerConfig.defaults(), new DiskSpaceGuard(() -> 0, 1, broker.clock));
        EmbeddedClient subscriber = subscriber("t");
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 1, "refused");
        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 2, "refused");

        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(1, 0x97);
        assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(2, 0x97);
        subscriber.expectNothing();
        assertThat(publisher.isOpen()).isTrue();
    }

    @Test
    void belowTheDiskFloorAnMqtt311PublisherIsDisconnectedWithoutAnAcknowledgement() {
        broker.close();
        broker = new EmbeddedBroker(MqttServerConfig.defaults(), new DiskSpaceGuard(() -> 0, 1, broker.clock));
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "publisher");

        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 1, "refused");

        assertThat(publisher.isOpen()).isFalse();
    }

    @Test
    void anMqtt5PublisherGetsQuotaExceededWhenEverySubscriberQueueIsFull() {
        broker.close();
        broker = new EmbeddedBroker(MqttServerConfig.defaults().withMaxQueuedMessages(1));
        MqttProperties receiveOne = new MqttProperties();
        receiveOne.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, 1));
        EmbeddedClient slow = broker.newClient();
        slow.connect(EmbeddedClient.connectPacket(MqttVersion.MQTT_5, "slow").properties(receiveOne).build());
        slow.subscribe(1, "t", MqttQoS.AT_LEAST_ONCE);
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 1, "in flight, never acknowledged");
        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 2, "queued");
        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 3, "no room");

        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(1, 0);
        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(2, 0);
        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(3, 0x97);
    }
}
