package io.thingbus.mqtt.internal.pipeline;

import static io.thingbus.mqtt.internal.pipeline.EmbeddedClient.connectPacket;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Publisher and subscriber on two channels of one broker: the QoS 0, 1 and 2 flows complete in both
 * directions (MQTT 5 section 4.3), and what a subscriber stated in CONNECT (receive maximum, maximum
 * packet size, topic alias maximum, protocol version) shapes what it receives.
 */
class PublishSubscribeFlowTest {

    private final EmbeddedBroker broker = new EmbeddedBroker();

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private EmbeddedClient subscriberWith(String clientId, MqttProperties connectProperties) {
        EmbeddedClient subscriber = broker.newClient();
        MqttConnAckMessage connAck = subscriber.connect(connectPacket(MqttVersion.MQTT_5, clientId)
                .properties(connectProperties).build());
        assertThat(connAck.variableHeader().connectReturnCode().byteValue()).isZero();
        return subscriber;
    }

    private static MqttProperties property(int id, int value) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(id, value));
        return properties;
    }

    @Test
    void qos0() {
        EmbeddedClient subscriber = broker.newClient().connected(MqttVersion.MQTT_5, "subscriber");
        assertThat(subscriber.subscribe(1, "t", MqttQoS.EXACTLY_ONCE)).containsExactly(2);
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "publisher");

        publisher.publish("t", MqttQoS.AT_MOST_ONCE, 0, "hello");

        publisher.expectNothing();
        EmbeddedClient.Publish received = subscriber.expectPublish();
        assertThat(received.topic()).isEqualTo("t");
        assertThat(received.qos()).isZero();
        assertThat(received.packetId()).isEqualTo(-1);
        assertThat(received.payload()).isEqualTo("hello");
        subscriber.expectNothing();
    }

    @Test
    void qos1CompletesInBothDirections() {
        EmbeddedClient subscriber = subscriberWith("subscriber", property(MqttProperties.RECEIVE_MAXIMUM, 1));
        subscriber.subscribe(1, "t", MqttQoS.AT_LEAST_ONCE);
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 10, "first");
        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 11, "second");

        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(10, 0);
        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(11, 0);
        EmbeddedClient.Publish first = subscriber.expectPublish();
        assertThat(first.qos()).isEqualTo(1);
        assertThat(first.payload()).isEqualTo("first");
        assertThat(first.duplicate()).isFalse();
        subscriber.expectNothing();

        subscriber.reply(MqttMessageType.PUBACK, first.packetId());

        EmbeddedClient.Publish second = subscriber.expectPublish();
        assertThat(second.payload()).isEqualTo("second");
        assertThat(second.packetId()).isNotEqualTo(first.packetId()).isPositive();
        subscriber.reply(MqttMessageType.PUBACK, second.packetId());
        assertThat(subscriber.connection().session().queuedMessages()).isZero();
    }

    @Test
    void qos2CompletesInBothDirections() {
        EmbeddedClient subscriber = subscriberWith("subscriber", property(MqttProperties.RECEIVE_MAXIMUM, 1));
        subscriber.subscribe(1, "t", MqttQoS.EXACTLY_ONCE);
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 20, "first");
        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 21, "second");
        assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(20, 0);
        assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(21, 0);
        publisher.reply(MqttMessageType.PUBREL, 20).reply(MqttMessageType.PUBREL, 21);
        assertThat(publisher.expectReply(MqttMessageType.PUBCOMP)).containsExactly(20, 0);
        assertThat(publisher.expectReply(MqttMessageType.PUBCOMP)).containsExactly(21, 0);

        EmbeddedClient.Publish first = subscriber.expectPublish();
        assertThat(first.qos()).isEqualTo(2);
        assertThat(first.payload()).isEqualTo("first");
        subscriber.expectNothing();
        subscriber.reply(MqttMessageType.PUBREC, first.packetId());
        assertThat(subscriber.expectReply(MqttMessageType.PUBREL)).containsExactly(first.packetId(), 0);
        subscriber.expectNothing();
        subscriber.reply(MqttMessageType.PUBCOMP, first.packetId());

        EmbeddedClient.Publish second = subscriber.expectPublish();
        assertThat(second.payload()).isEqualTo("second");
        subscriber.reply(MqttMessageType.PUBREC, second.packetId());
        assertThat(subscriber.expectReply(MqttMessageType.PUBREL)).containsExactly(second.packetId(), 0);
        subscriber.reply(MqttMessageType.PUBCOMP, second.packetId());
        subscriber.expectNothing();
    }

    @Test
    void pubRecForAnUnknownPacketIdIsAnsweredWithPacketIdNotFound() {
        EmbeddedClient subscriber = broker.newClient().connected(MqttVersion.MQTT_5, "subscriber");

        subscriber.reply(MqttMessageType.PUBREC, 99);

        assertThat(subscriber.expectReply(MqttMessageType.PUBREL)).containsExactly(99, 0x92);
        assertThat(subscriber.isOpen()).isTrue();
    }

    @Test
    void theDeliveredQosIsTheLowerOfPublishedAndGranted() {
        EmbeddedClient subscriber = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "subscriber");
        subscriber.subscribe(1, "t", MqttQoS.AT_LEAST_ONCE);
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "publisher");

        publisher.publish("t", MqttQoS.EXACTLY_ONCE, 1, "x");

        assertThat(subscriber.expectPublish().qos()).isEqualTo(1);
    }

    @Test
    void mqtt5PropertiesReachMqtt5SubscribersAndNotMqtt311Ones() {
        EmbeddedClient v5 = broker.newClient().connected(MqttVersion.MQTT_5, "v5");
        v5.subscribe(1, "req", MqttQoS.AT_LEAST_ONCE);
        EmbeddedClient v311 = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "v311");
        v311.subscribe(1, "req", MqttQoS.AT_LEAST_ONCE);
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1));
        properties.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, "application/json"));
        properties.add(new MqttProperties.StringProperty(MqttProperties.RESPONSE_TOPIC, "replies/publisher"));
        properties.add(new MqttProperties.BinaryProperty(MqttProperties.CORRELATION_DATA, new byte[] {1, 2, 3}));
        properties.add(new MqttProperties.UserProperty("trace", "a"));
        properties.add(new MqttProperties.UserProperty("trace", "b"));

        publisher.publish("req", MqttQoS.AT_LEAST_ONCE, 1, "{}", properties);

        MqttProperties received = v5.expectPublish().properties();
        assertThat(received.getProperty(MqttProperties.PAYLOAD_FORMAT_INDICATOR).value()).isEqualTo(1);
        assertThat(received.getProperty(MqttProperties.CONTENT_TYPE).value()).isEqualTo("application/json");
        assertThat(received.getProperty(MqttProperties.RESPONSE_TOPIC).value()).isEqualTo("replies/publisher");
        assertThat((byte[]) received.getProperty(MqttProperties.CORRELATION_DATA).value()).containsExactly(1, 2, 3);
        assertThat(received.getProperties(MqttProperties.USER_PROPERTY))
                .extracting(p -> ((MqttProperties.StringPair) p.value()).value)
                .containsExactly("a", "b");
        EmbeddedClient.Publish plain = v311.expectPublish();
        assertThat(plain.properties().isEmpty()).isTrue();
        assertThat(plain.payload()).isEqualTo("{}");
    }

    @Test
    void subscriptionIdentifiersReachTheSubscriber() {
        EmbeddedClient subscriber = broker.newClient().connected(MqttVersion.MQTT_5, "subscriber");
        subscriber.send(MqttMessageBuilders.subscribe().messageId(1).properties(property(MqttProperties.SUBSCRIPTION_IDENTIFIER, 7))
                .addSubscription(MqttQoS.AT_MOST_ONCE, "a/+").build());
        subscriber.expect(MqttMessageType.SUBACK);
        subscriber.send(MqttMessageBuilders.subscribe().messageId(2).properties(property(MqttProperties.SUBSCRIPTION_IDENTIFIER, 300))
                .addSubscription(MqttQoS.AT_MOST_ONCE, "a/#").build());
        subscriber.expect(MqttMessageType.SUBACK);

        broker.newClient().connected(MqttVersion.MQTT_5, "publisher").publish("a/b", MqttQoS.AT_MOST_ONCE, 0, "x");

        EmbeddedClient.Publish received = subscriber.expectPublish();
        assertThat(received.properties().getProperties(MqttProperties.SUBSCRIPTION_IDENTIFIER))
                .extracting(p -> p.value()).containsExactlyInAnyOrder(7, 300);
        subscriber.expectNothing();
    }

    @Test
    void usesTopicAliasesUpToTheSubscribersMaximum() {
        EmbeddedClient subscriber = subscriberWith("subscriber", property(MqttProperties.TOPIC_ALIAS_MAXIMUM, 1));
        subscriber.subscribe(1, "#", MqttQoS.AT_MOST_ONCE);
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        publisher.publish("sensors/1", MqttQoS.AT_MOST_ONCE, 0, "a");
        publisher.publish("sensors/1", MqttQoS.AT_MOST_ONCE, 0, "b");
        publisher.publish("sensors/2", MqttQoS.AT_MOST_ONCE, 0, "c");

        EmbeddedClient.Publish first = subscriber.expectPublish();
        assertThat(first.topic()).isEqualTo("sensors/1");
        assertThat(first.properties().getProperty(MqttProperties.TOPIC_ALIAS).value()).isEqualTo(1);
        EmbeddedClient.Publish second = subscriber.expectPublish();
        assertThat(second.topic()).as("the alias alone").isEmpty();
        assertThat(second.properties().getProperty(MqttProperties.TOPIC_ALIAS).value()).isEqualTo(1);
        EmbeddedClient.Publish third = subscriber.expectPublish();
        assertThat(third.topic()).isEqualTo("sensors/2");
        assertThat(third.properties().getProperty(MqttProperties.TOPIC_ALIAS)).as("no alias left").isNull();
    }

    @Test
    void sendsNoTopicAliasesToAClientThatAllowsNone() {
        EmbeddedClient subscriber = broker.newClient().connected(MqttVersion.MQTT_5, "subscriber");
        subscriber.subscribe(1, "#", MqttQoS.AT_MOST_ONCE);
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        publisher.publish("t", MqttQoS.AT_MOST_ONCE, 0, "a");
        publisher.publish("t", MqttQoS.AT_MOST_ONCE, 0, "b");

        for (int i = 0; i < 2; i++) {
            EmbeddedClient.Publish received = subscriber.expectPublish();
            assertThat(received.topic()).isEqualTo("t");
            assertThat(received.properties().getProperty(MqttProperties.TOPIC_ALIAS)).isNull();
        }
    }

    @Test
    void discardsMessagesLargerThanTheSubscribersMaximumPacketSize() {
        EmbeddedClient subscriber = subscriberWith("subscriber", property(MqttProperties.MAXIMUM_PACKET_SIZE, 64));
        subscriber.subscribe(1, "t", MqttQoS.AT_LEAST_ONCE);
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 1, "x".repeat(100));
        // 1 + 1 + 3 (topic) + 2 (packet id) + 1 (properties) + 56 = 64 bytes: exactly the maximum
        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 2, "y".repeat(56));
        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 3, "y".repeat(57));

        EmbeddedClient.Publish received = subscriber.expectPublish();
        assertThat(received.payload()).isEqualTo("y".repeat(56));
        subscriber.expectNothing();
        assertThat(subscriber.connection().session().queuedMessages()).isZero();
    }

    @Test
    void aMessageThatFitsWithoutAnAliasIsSentEvenWhenAliasesAreAllowed() {
        MqttProperties limits = property(MqttProperties.MAXIMUM_PACKET_SIZE, 64);
        limits.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, 5));
        EmbeddedClient subscriber = subscriberWith("subscriber", limits);
        subscriber.subscribe(1, "t", MqttQoS.AT_LEAST_ONCE);
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");

        // 1 + 1 + 3 (topic) + 2 (packet id) + 1 (properties) + 56 = 64 bytes without a topic alias
        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 1, "y".repeat(56));
        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 2, "small");

        EmbeddedClient.Publish fitting = subscriber.expectPublish();
        assertThat(fitting.payload()).isEqualTo("y".repeat(56));
        assertThat(fitting.topic()).isEqualTo("t");
        assertThat(fitting.properties().getProperty(MqttProperties.TOPIC_ALIAS)).as("no room for an alias").isNull();
        subscriber.reply(MqttMessageType.PUBACK, fitting.packetId());
        EmbeddedClient.Publish small = subscriber.expectPublish();
        assertThat(small.topic()).as("the alias is set with the topic").isEqualTo("t");
        assertThat(small.properties().getProperty(MqttProperties.TOPIC_ALIAS).value()).isEqualTo(1);
    }

    @Test
    void aResumedSessionGetsWhatWasInFlightAgainWithDupThenWhatWasQueued() {
        MqttProperties expiry = property(MqttProperties.SESSION_EXPIRY_INTERVAL, 300);
        EmbeddedClient first = broker.newClient();
        first.connect(connectPacket(MqttVersion.MQTT_5, "subscriber").cleanSession(false).properties(expiry).build());
        first.subscribe(1, "t", MqttQoS.AT_LEAST_ONCE);
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");
        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 1, "unacknowledged");
        EmbeddedClient.Publish unacknowledged = first.expectPublish();
        first.server.close();

        publisher.publish("t", MqttQoS.AT_LEAST_ONCE, 2, "while-away");
        publisher.publish("t", MqttQoS.AT_MOST_ONCE, 0, "qos0-while-away");
        EmbeddedClient second = broker.newClient();
        MqttConnAckMessage connAck = second.connect(connectPacket(MqttVersion.MQTT_5, "subscriber")
                .cleanSession(false).properties(expiry).build());

        assertThat(connAck.variableHeader().isSessionPresent()).isTrue();
        EmbeddedClient.Publish redelivered = second.expectPublish();
        assertThat(redelivered.payload()).isEqualTo("unacknowledged");
        assertThat(redelivered.duplicate()).isTrue();
        assertThat(redelivered.packetId()).isEqualTo(unacknowledged.packetId());
        EmbeddedClient.Publish queued = second.expectPublish();
        assertThat(queued.payload()).isEqualTo("while-away");
        assertThat(queued.duplicate()).isFalse();
        second.expectNothing();
    }

    @Test
    void liveMessagesLoseTheirRetainFlagRetainedOnesAtSubscribeKeepIt() {
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "publisher");
        EmbeddedClient early = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "early");
        early.subscribe(1, "status", MqttQoS.AT_MOST_ONCE);

        publisher.send(MqttMessageBuilders.publish().topicName("status").qos(MqttQoS.AT_MOST_ONCE).retained(true)
                .payload(Unpooled.copiedBuffer("on", StandardCharsets.UTF_8)).build());
        EmbeddedClient late = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "late");
        late.subscribe(1, "status", MqttQoS.AT_MOST_ONCE);

        assertThat(early.expectPublish().retain()).as("MQTT 3.1.1 section 3.3.1.3").isFalse();
        assertThat(late.expectPublish().retain()).isTrue();
    }

    @Test
    void aPublishersOwnMessageComesBackUnlessNoLocal() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_5, "device-1");
        client.subscribe(1, "echo", MqttQoS.AT_MOST_ONCE);
        client.subscribe(2, "quiet", new io.netty.handler.codec.mqtt.MqttSubscriptionOption(MqttQoS.AT_MOST_ONCE, true, false,
                io.netty.handler.codec.mqtt.MqttSubscriptionOption.RetainedHandlingPolicy.SEND_AT_SUBSCRIBE));

        client.publish("echo", MqttQoS.AT_MOST_ONCE, 0, "1");
        client.publish("quiet", MqttQoS.AT_MOST_ONCE, 0, "2");

        assertThat(client.expectPublish().topic()).isEqualTo("echo");
        client.expectNothing();
    }
}
