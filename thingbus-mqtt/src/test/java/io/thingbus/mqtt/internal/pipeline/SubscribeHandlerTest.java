package io.thingbus.mqtt.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption.RetainedHandlingPolicy;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.RetainHandling;
import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.TopicFilter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE and UNSUBSCRIBE (MQTT 5 sections 3.8-3.11, MQTT 3.1.1 sections 3.8-3.11). */
class SubscribeHandlerTest {

    private final EmbeddedBroker broker = new EmbeddedBroker();

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @Test
    void grantsTheRequestedQosPerFilterAndRejectsInvalidFiltersOnMqtt5() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_5, "device-1");

        client.send(MqttMessageBuilders.subscribe().messageId(11)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "a/+")
                .addSubscription(MqttQoS.EXACTLY_ONCE, "a/#/b")
                .addSubscription(MqttQoS.AT_MOST_ONCE, "$share//x")
                .addSubscription(MqttQoS.EXACTLY_ONCE, "$share/g/x/#")
                .build());

        MqttSubAckMessage subAck = client.expect(MqttMessageType.SUBACK);
        assertThat(subAck.variableHeader().messageId()).isEqualTo(11);
        assertThat(subAck.payload().reasonCodes()).containsExactly(1, 0x8F, 0x8F, 2);
        assertThat(client.connection().session().subscriptions()).extracting(s -> s.filter().raw())
                .containsExactlyInAnyOrder("a/+", "$share/g/x/#");
    }

    @Test
    void rejectsInvalidFiltersWithTheMqtt311FailureCode() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "device-1");

        client.send(MqttMessageBuilders.subscribe().messageId(3)
                .addSubscription(MqttQoS.EXACTLY_ONCE, "a/b#")
                .addSubscription(MqttQoS.AT_MOST_ONCE, "a/b")
                .build());

        MqttSubAckMessage subAck = client.expect(MqttMessageType.SUBACK);
        assertThat(subAck.payload().reasonCodes()).containsExactly(0x80, 0);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void recordsTheMqtt5OptionsAndSubscriptionIdentifier() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_5, "device-1");
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, 268_435_455));

        client.send(MqttMessageBuilders.subscribe().messageId(1).properties(properties)
                .addSubscription("a/b", new MqttSubscriptionOption(MqttQoS.AT_LEAST_ONCE, true, true,
                        RetainedHandlingPolicy.SEND_AT_SUBSCRIBE_IF_NOT_YET_EXISTS))
                .build());
        client.expect(MqttMessageType.SUBACK);

        assertThat(client.connection().session().subscriptions()).containsExactly(new Subscription(
                TopicFilter.parse("a/b"), Qos.AT_LEAST_ONCE, true, true, RetainHandling.SEND_IF_NEW, 268_435_455));
    }

    @Test
    void mqtt311SubscriptionsGetTheDefaultOptions() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "device-1");

        client.subscribe(1, "a/b", MqttQoS.EXACTLY_ONCE);

        assertThat(client.connection().session().subscriptions())
                .containsExactly(Subscription.basic(TopicFilter.parse("a/b"), Qos.EXACTLY_ONCE));
    }

    @Test
    void noLocalOnASharedSubscriptionIsAProtocolError() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_5, "device-1");

        client.send(MqttMessageBuilders.subscribe().messageId(1)
                .addSubscription("$share/g/t", new MqttSubscriptionOption(MqttQoS.AT_LEAST_ONCE, true, false,
                        RetainedHandlingPolicy.SEND_AT_SUBSCRIBE))
                .build());

        assertThat(client.expectDisconnect()).isEqualTo(0x82);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void subscriptionIdentifierZeroIsAProtocolError() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_5, "device-1");
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.IntegerProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER, 0));

        client.send(MqttMessageBuilders.subscribe().messageId(1).properties(properties)
                .addSubscription(MqttQoS.AT_MOST_ONCE, "t").build());

        assertThat(client.expectDisconnect()).isEqualTo(0x82);
        assertThat(client.connection().session().subscriptions()).isEmpty();
    }

    @Test
    void retainedMessagesFollowTheSuback() {
        EmbeddedClient publisher = broker.newClient().connected(MqttVersion.MQTT_5, "publisher");
        publisher.send(MqttMessageBuilders.publish().topicName("status/1").qos(MqttQoS.AT_MOST_ONCE).retained(true)
                .payload(Unpooled.copiedBuffer("online", StandardCharsets.UTF_8)).build());
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_5, "device-1");

        client.send(MqttMessageBuilders.subscribe().messageId(5).addSubscription(MqttQoS.AT_LEAST_ONCE, "status/+").build());

        client.expect(MqttMessageType.SUBACK);
        EmbeddedClient.Publish retained = client.expectPublish();
        assertThat(retained.topic()).isEqualTo("status/1");
        assertThat(retained.retain()).isTrue();
        assertThat(retained.qos()).isZero();
        assertThat(retained.payload()).isEqualTo("online");
    }

    @Test
    void unsubackSaysWhichSubscriptionsExisted() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_5, "device-1");
        client.subscribe(1, "a/b", MqttQoS.AT_LEAST_ONCE);

        client.send(MqttMessageBuilders.unsubscribe().messageId(2).addTopicFilter("a/b").addTopicFilter("c/d").build());

        MqttUnsubAckMessage unsubAck = client.expect(MqttMessageType.UNSUBACK);
        assertThat(unsubAck.variableHeader().messageId()).isEqualTo(2);
        assertThat(unsubAck.payload().unsubscribeReasonCodes()).containsExactly((short) 0x00, (short) 0x11);
        assertThat(client.connection().session().subscriptions()).isEmpty();
    }

    @Test
    void anMqtt311UnsubackHasNoReasonCodes() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_3_1_1, "device-1");
        client.subscribe(1, "a/b", MqttQoS.AT_LEAST_ONCE);

        client.send(MqttMessageBuilders.unsubscribe().messageId(0x0102).addTopicFilter("a/b").addTopicFilter("c/d").build());

        // UNSUBACK, remaining length 2, packet id 0x0102
        assertThat(client.rawOutput()).containsExactly(0xB0, 0x02, 0x01, 0x02);
    }

    @Test
    void aSubscribeWithoutFiltersIsAProtocolError() {
        EmbeddedClient client = broker.newClient().connected(MqttVersion.MQTT_5, "device-1");

        client.sendBytes(
                0x82, 0x03,   // SUBSCRIBE, remaining length 3
                0x00, 0x01,   // packet id 1
                0x00);        // no properties, and no topic filter

        assertThat(client.expectDisconnect()).isEqualTo(0x82);
    }
}
