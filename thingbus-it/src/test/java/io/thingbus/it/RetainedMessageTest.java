package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.text;
import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.Elapse;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.it.raw.Connect;
import io.thingbus.it.raw.Publish;
import io.thingbus.it.raw.RawMqttClient;
import io.thingbus.it.raw.Subscription;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Retained messages (3.3.1.3): stored, replaced, cleared, sent to new subscriptions with RETAIN 1 (also through
 * wildcards), Retain Handling 0/1/2, and expiry.
 *
 * <p>To show that something was not delivered without waiting long, many tests publish a live, non-retained
 * marker on the same topic afterwards: a retained message sent for the new subscription comes before it.
 */
class RetainedMessageTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @Test
    void retainedMessageIsSentToANewSubscriberWithRetainSet() {
        String topic = clients.topic("retained/set");
        publisher().publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("stored")).send();

        Mqtt5Publish received = clients.subscriber(topic).next();

        // [MQTT-3.3.1-5] stored; [MQTT-3.3.1-9] sent to the new subscription; RETAIN 1 when sent because of it.
        assertThat(text(received)).isEqualTo("stored");
        assertThat(received.isRetain()).isTrue();
    }

    @Test
    void mqtt311SubscriberGetsRetainSetOnlyForTheStoredMessage() {
        String topic = clients.topic("retained/v3");
        Mqtt5BlockingClient publisher = publisher();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("stored")).send();
        Mqtt3BlockingClient subscriber = clients.v3(clients.id("sub3"));
        Inbox<Mqtt3Publish> inbox = Inbox.of(subscriber);
        subscriber.connect();
        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("live")).send();

        // 3.1.1 [MQTT-3.3.1-8] RETAIN 1 for a message sent because of a new subscription;
        // [MQTT-3.3.1-9] RETAIN 0 when sent because it matches an established subscription.
        List<Mqtt3Publish> received = inbox.next(2);
        assertThat(received).extracting(Clients::text).containsExactly("stored", "live");
        assertThat(received).extracting(Mqtt3Publish::isRetain).containsExactly(true, false);
    }

    @Test
    void newRetainedMessageReplacesTheOldOne() {
        String topic = clients.topic("retained/replace");
        Mqtt5BlockingClient publisher = publisher();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("old")).send();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("new")).send();

        Inbox<Mqtt5Publish> inbox = clients.subscriber(topic);
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("marker")).send();

        // [MQTT-3.3.1-5] the new retained message replaces any existing one for the topic.
        assertThat(inbox.next(2)).extracting(Clients::text).containsExactly("new", "marker");
    }

    @Test
    void emptyRetainedMessageClearsTheTopicAndIsStillForwarded() {
        String topic = clients.topic("retained/clear");
        Mqtt5BlockingClient publisher = publisher();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("doomed")).send();
        Inbox<Mqtt5Publish> existing = clients.subscriber(topic);
        assertThat(text(existing.next())).isEqualTo("doomed");

        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(new byte[0]).send();

        // [MQTT-3.3.1-6/-7] a zero-byte retained PUBLISH removes the retained message and is not stored itself,
        // but it is delivered to current subscribers like any other message.
        assertThat(existing.next().getPayloadAsBytes()).isEmpty();
        Inbox<Mqtt5Publish> newcomer = clients.subscriber(topic);
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("marker")).send();
        assertThat(text(newcomer.next())).isEqualTo("marker");
    }

    @Test
    void retainedMessagesAreSentThroughWildcardSubscriptions() {
        Mqtt5BlockingClient publisher = publisher();
        publisher.publishWith().topic(clients.topic("wild/a")).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("a")).send();
        publisher.publishWith().topic(clients.topic("wild/b/c")).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("b/c")).send();
        publisher.publishWith().topic(clients.topic("other/d")).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("d")).send();

        Inbox<Mqtt5Publish> inbox = clients.subscriber(clients.topic("wild/#"));

        List<Mqtt5Publish> received = inbox.next(2);
        assertThat(received).extracting(Clients::text).containsExactlyInAnyOrder("a", "b/c");
        assertThat(received).allSatisfy(message -> assertThat(message.isRetain()).isTrue());
        inbox.assertNothingWithin(Duration.ofMillis(300));
    }

    @ParameterizedTest(name = "retained at QoS {0}, subscribed at QoS {1}")
    @CsvSource({"1,0", "1,2", "2,1", "0,2"})
    void retainedMessageIsSentAtTheLowerOfItsQosAndTheSubscriptions(int retainedQos, int subscribedQos) {
        String topic = clients.topic("retained/qos");
        publisher().publishWith().topic(topic).qos(MqttQos.fromCode(retainedQos)).retain(true).payload(utf8("q")).send();
        Mqtt5BlockingClient subscriber = clients.v5(clients.id("qos"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(subscriber);
        subscriber.connect();

        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(subscribedQos)).send();

        assertThat(inbox.next().getQos().getCode()).isEqualTo(Math.min(retainedQos, subscribedQos));
    }

    @Test
    void retainHandlingZeroSendsRetainedMessagesOnEverySubscribe() {
        String topic = clients.topic("rh0");
        publisher().publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("r")).send();
        RawMqttClient subscriber = rawSubscriber();

        subscriber.subscribe(1, Subscription.of(topic, 1).withRetainHandling(0));
        assertRetained(subscriber.readPublish(), subscriber);
        subscriber.subscribe(2, Subscription.of(topic, 1).withRetainHandling(0));

        // [MQTT-3.3.1-9] Retain Handling 0: retained messages are sent whenever the subscription is made.
        assertRetained(subscriber.readPublish(), subscriber);
    }

    @Test
    void retainHandlingOneSendsRetainedMessagesOnlyForANewSubscription() {
        String topic = clients.topic("rh1");
        Mqtt5BlockingClient publisher = publisher();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("r")).send();
        RawMqttClient subscriber = rawSubscriber();

        subscriber.subscribe(1, Subscription.of(topic, 1).withRetainHandling(1));
        assertRetained(subscriber.readPublish(), subscriber);
        subscriber.subscribe(2, Subscription.of(topic, 1).withRetainHandling(1));
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("marker")).send();

        // [MQTT-3.3.1-10] Retain Handling 1: only if the subscription did not already exist.
        assertThat(subscriber.readPublish().payloadText()).isEqualTo("marker");
    }

    @Test
    void retainHandlingTwoNeverSendsRetainedMessages() {
        String topic = clients.topic("rh2");
        Mqtt5BlockingClient publisher = publisher();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("r")).send();
        RawMqttClient subscriber = rawSubscriber();

        subscriber.subscribe(1, Subscription.of(topic, 1).withRetainHandling(2));
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("marker")).send();

        // [MQTT-3.3.1-11] Retain Handling 2: retained messages MUST NOT be sent when the subscription is made.
        Publish first = subscriber.readPublish();
        assertThat(first.payloadText()).isEqualTo("marker");
        assertThat(first.retain()).isFalse();
    }

    @Test
    void expiredRetainedMessageIsNotSentToNewSubscribers() {
        Mqtt5BlockingClient publisher = publisher();
        publisher.publishWith().topic(clients.topic("exp/short")).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .messageExpiryInterval(1).payload(utf8("short")).send();
        publisher.publishWith().topic(clients.topic("exp/long")).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                .messageExpiryInterval(60).payload(utf8("long")).send();
        Elapse.atLeast(Duration.ofMillis(2_100), "the 1 s retained message expires");

        Inbox<Mqtt5Publish> inbox = clients.subscriber(clients.topic("exp/#"));

        // 3.3.2.3.3: once the interval has passed the retained message is not delivered; the other one is, with
        // what is left of its interval.
        Mqtt5Publish received = inbox.next();
        assertThat(text(received)).isEqualTo("long");
        assertThat(received.getMessageExpiryInterval()).isPresent();
        assertThat(received.getMessageExpiryInterval().getAsLong()).isBetween(1L, 59L);
        inbox.assertNothingWithin(Duration.ofMillis(300));
    }

    private Mqtt5BlockingClient publisher() {
        return clients.v5Connected(clients.id("pub"));
    }

    private RawMqttClient rawSubscriber() {
        RawMqttClient subscriber = clients.raw();
        assertThat(subscriber.connect(Connect.v5(clients.id("rawsub"))).reasonCode()).isZero();
        return subscriber;
    }

    private static void assertRetained(Publish publish, RawMqttClient subscriber) {
        assertThat(publish.payloadText()).isEqualTo("r");
        assertThat(publish.retain()).isTrue();
        subscriber.send(io.thingbus.it.raw.Packets.puback(publish.packetId()));
    }
}
