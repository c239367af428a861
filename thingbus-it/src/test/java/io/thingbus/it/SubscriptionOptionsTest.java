package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.text;
import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
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
import io.thingbus.it.raw.Suback;
import io.thingbus.it.raw.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SUBSCRIBE and its options (3.8): No Local, Retain As Published, Subscription Identifiers, overlapping
 * subscriptions, replacing a subscription and SUBACK reason codes.
 */
class SubscriptionOptionsTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @Test
    void noLocalKeepsAClientsOwnMessagesAwayFromIt() {
        String topic = clients.topic("nolocal");
        Mqtt5BlockingClient client = clients.v5(clients.id("nolocal"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(client);
        client.connect();
        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).noLocal(true).send();

        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("own")).send();
        clients.v5Connected(clients.id("other")).publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("other")).send();

        // [MQTT-3.8.3-3] No Local: messages MUST NOT be forwarded to a connection with the publisher's ClientID.
        assertThat(text(inbox.next())).isEqualTo("other");
        inbox.assertNothingWithin(Duration.ofMillis(300));
    }

    @Test
    void withoutNoLocalAClientReceivesItsOwnMessages() {
        String topic = clients.topic("local");
        Mqtt5BlockingClient client = clients.v5(clients.id("local"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(client);
        client.connect();
        client.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("own")).send();

        assertThat(text(inbox.next())).isEqualTo("own");
    }

    @Test
    void retainAsPublishedDecidesTheRetainFlagOfLiveMessages() {
        String topic = clients.topic("rap");
        Mqtt5BlockingClient keeps = clients.v5(clients.id("keeps"));
        Inbox<Mqtt5Publish> kept = Inbox.of(keeps);
        keeps.connect();
        keeps.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).retainAsPublished(true).send();
        Mqtt5BlockingClient clears = clients.v5(clients.id("clears"));
        Inbox<Mqtt5Publish> cleared = Inbox.of(clears);
        clears.connect();
        clears.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).retainAsPublished(false).send();

        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("pub"));
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(utf8("r")).send();

        // [MQTT-3.3.1-13] Retain As Published 1: the RETAIN flag is forwarded as published;
        // [MQTT-3.3.1-12] Retain As Published 0: RETAIN MUST be 0 when forwarding.
        assertThat(kept.next().isRetain()).isTrue();
        assertThat(cleared.next().isRetain()).isFalse();
        publisher.publishWith().topic(topic).retain(true).payload(new byte[0]).send();
    }

    @Test
    void subscriptionIdentifierIsSentWithMatchingMessages() {
        String topic = clients.topic("subid/one");
        RawMqttClient subscriber = rawV5("subid");
        subscribe(subscriber, 1, 77, Subscription.of(clients.topic("subid/+"), 1));

        publish(topic, "tagged");

        // [MQTT-3.3.4-3] the PUBLISH carries the Subscription Identifier of the matching subscription.
        Publish received = subscriber.readPublish();
        assertThat(received.properties().integers(PropertyId.SUBSCRIPTION_IDENTIFIER)).containsExactly(77L);
    }

    @Test
    void subscriptionWithoutIdentifierGetsNone() {
        RawMqttClient subscriber = rawV5("noid");
        subscriber.subscribe(1, Subscription.of(clients.topic("noid"), 1));

        publish(clients.topic("noid"), "plain");

        assertThat(subscriber.readPublish().properties().integers(PropertyId.SUBSCRIPTION_IDENTIFIER)).isEmpty();
    }

    @Test
    void overlappingSubscriptionsCarryEveryMatchingIdentifier() {
        RawMqttClient subscriber = rawV5("overlapid");
        subscribe(subscriber, 1, 1, Subscription.of(clients.topic("overlap/#"), 1));
        subscribe(subscriber, 2, 2, Subscription.of(clients.topic("overlap/+/b"), 1));
        subscribe(subscriber, 3, 3, Subscription.of(clients.topic("overlap/a/b"), 1));

        publish(clients.topic("overlap/a/b"), "three ways");

        // [MQTT-3.3.4-4] one copy carries all matching identifiers; [MQTT-3.3.4-5] or one copy per
        // subscription, each with its own identifier. Either way every identifier shows up exactly once.
        List<Publish> copies = copiesOf(subscriber, 3);
        List<Long> identifiers = copies.stream()
                .flatMap(copy -> copy.properties().integers(PropertyId.SUBSCRIPTION_IDENTIFIER).stream())
                .toList();
        assertThat(identifiers).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(copies).allSatisfy(copy -> assertThat(copy.payloadText()).isEqualTo("three ways"));
        if (copies.size() > 1) {
            assertThat(copies).hasSize(3).allSatisfy(copy ->
                    assertThat(copy.properties().integers(PropertyId.SUBSCRIPTION_IDENTIFIER)).hasSize(1));
        }
    }

    @Test
    void subscriptionIdentifiersOnlyForTheSubscriptionsThatMatch() {
        RawMqttClient subscriber = rawV5("partial");
        subscribe(subscriber, 1, 10, Subscription.of(clients.topic("partial/#"), 1));
        subscribe(subscriber, 2, 20, Subscription.of(clients.topic("partial/other"), 1));

        publish(clients.topic("partial/this"), "only ten");

        assertThat(subscriber.readPublish().properties().integers(PropertyId.SUBSCRIPTION_IDENTIFIER)).containsExactly(10L);
        subscriber.assertNothingWithin(Duration.ofMillis(300));
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void overlappingSubscriptionsDeliverAtTheHighestMatchingQos(int level) {
        RawMqttClient subscriber = clients.raw();
        Connect connect = level == Connect.V5 ? Connect.v5(clients.id("overqos")) : Connect.v311(clients.id("overqos"));
        assertThat(subscriber.connect(connect).reasonCode()).isZero();
        subscriber.subscribe(1, Subscription.of(clients.topic("qos/#"), 0));
        subscriber.subscribe(2, Subscription.of(clients.topic("qos/x"), 2));

        publish(clients.topic("qos/x"), "max", 2);

        // 5.0 [MQTT-3.3.4-2] / 3.1.1 [MQTT-3.3.5-1]: respect the maximum QoS of all matching subscriptions. The
        // Server may send one copy (at QoS 2) or one per subscription; at least one copy is at QoS 2.
        List<Publish> copies = copiesOf(subscriber, 2);
        assertThat(copies).extracting(Publish::qos).contains(2);
        assertThat(copies).allSatisfy(copy -> assertThat(copy.payloadText()).isEqualTo("max"));
    }

    @Test
    void subscribingAgainToTheSameFilterReplacesTheSubscription() {
        String topic = clients.topic("replace");
        RawMqttClient subscriber = rawV5("replace");
        subscriber.subscribe(1, Subscription.of(topic, 0));
        subscriber.subscribe(2, Subscription.of(topic, 2));

        publish(topic, "once", 2);

        // [MQTT-3.8.4-3] an identical Topic Filter replaces the existing Subscription: one copy, new QoS.
        List<Publish> copies = copiesOf(subscriber, 2);
        assertThat(copies).hasSize(1);
        assertThat(copies.getFirst().qos()).isEqualTo(2);
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void subackHasOneReasonCodePerFilterInOrder(int level) {
        RawMqttClient subscriber = clients.raw();
        Connect connect = level == Connect.V5 ? Connect.v5(clients.id("suback")) : Connect.v311(clients.id("suback"));
        assertThat(subscriber.connect(connect).reasonCode()).isZero();

        Suback suback = subscriber.subscribe(7,
                Subscription.of(clients.topic("s/2"), 2), Subscription.of(clients.topic("s/0"), 0),
                Subscription.of(clients.topic("s/1"), 1));

        // [MQTT-3.8.4-2] SUBACK with the same Packet Identifier; [MQTT-3.9.3-1] one code per filter, in order;
        // a granted QoS may be lower than requested but never higher.
        assertThat(suback.packetId()).isEqualTo(7);
        assertThat(suback.reasonCodes()).hasSize(3);
        assertThat(suback.reasonCodes().get(0)).isBetween(0, 2);
        assertThat(suback.reasonCodes().get(1)).isEqualTo(0);
        assertThat(suback.reasonCodes().get(2)).isBetween(0, 1);
    }

    private RawMqttClient rawV5(String name) {
        RawMqttClient client = clients.raw();
        assertThat(client.connect(Connect.v5(clients.id(name))).reasonCode()).isZero();
        return client;
    }

    private static void subscribe(RawMqttClient client, int packetId, int subscriptionId, Subscription subscription) {
        client.send(Packets.subscribe(Connect.V5, packetId,
                Properties.none().with(PropertyId.SUBSCRIPTION_IDENTIFIER, subscriptionId), List.of(subscription)));
        assertThat(client.readSuback().reasonCodes()).containsExactly(subscription.qos());
    }

    private void publish(String topic, String payload) {
        publish(topic, payload, 1);
    }

    private void publish(String topic, String payload, int qos) {
        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.fromCode(qos))
                .payload(utf8(payload)).send();
    }

    /**
     * Every copy of one message a raw subscriber gets: the first within the expect timeout, then any more within a
     * short quiet period, answering each as its QoS requires. At most {@code max} copies are accepted.
     */
    private static List<Publish> copiesOf(RawMqttClient subscriber, int max) {
        List<Publish> copies = new ArrayList<>();
        Optional<MqttPacket> next = Optional.of(subscriber.read());
        while (next.isPresent()) {
            assertThat(next.get().type()).isEqualTo(PacketType.PUBLISH);
            Publish copy = subscriber.asPublish(next.get());
            copies.add(copy);
            acknowledge(subscriber, copy);
            next = subscriber.poll(Duration.ofMillis(300));
            while (next.isPresent() && next.get().type() == PacketType.PUBREL) {
                subscriber.send(Packets.pubcomp(subscriber.asAck(next.get()).packetId()));
                next = subscriber.poll(Duration.ofMillis(300));
            }
        }
        assertThat(copies).hasSizeBetween(1, max);
        Set<String> payloads = new HashSet<>(copies.stream().map(Publish::payloadText).toList());
        assertThat(payloads).hasSize(1);
        return copies;
    }

    private static void acknowledge(RawMqttClient subscriber, Publish publish) {
        if (publish.qos() == 1) {
            subscriber.send(Packets.puback(publish.packetId()));
        } else if (publish.qos() == 2) {
            subscriber.send(Packets.pubrec(publish.packetId()));
        }
    }
}
