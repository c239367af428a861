package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.text;
import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.HubLimits;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.it.raw.Connack;
import io.thingbus.it.raw.Connect;
import io.thingbus.it.raw.MqttPacket;
import io.thingbus.it.raw.PacketType;
import io.thingbus.it.raw.Properties;
import io.thingbus.it.raw.PropertyId;
import io.thingbus.it.raw.Publish;
import io.thingbus.it.raw.RawMqttClient;
import io.thingbus.it.raw.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 Topic Aliases (3.3.2.3.4) from client to hub and from hub to client. */
class TopicAliasTest {

    private static final int HUB_TOPIC_ALIAS_MAXIMUM = 5;

    @RegisterExtension
    static final HubExtension hub = HubExtension.withLimits(
            HubLimits.defaults().withTopicAliasMaximum(HUB_TOPIC_ALIAS_MAXIMUM));

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @Test
    void connackAnnouncesTheHubsTopicAliasMaximum() {
        Connack connack = clients.raw().connect(Connect.v5(clients.id("aliasmax")));

        assertThat(connack.properties().integer(PropertyId.TOPIC_ALIAS_MAXIMUM)).contains((long) HUB_TOPIC_ALIAS_MAXIMUM);
    }

    @Test
    void clientCanPublishThroughAnAlias() {
        String topic = clients.topic("alias/in");
        Inbox<Mqtt5Publish> inbox = clients.subscriber(topic);
        RawMqttClient publisher = connectedPublisher();

        // The first PUBLISH sets the mapping (topic + alias 1); the second uses only the alias (empty topic).
        publisher.publish(Publish.of(topic, "named").withProperties(alias(1)));
        publisher.publish(Publish.of("", "aliased").withProperties(alias(1)));

        List<Mqtt5Publish> received = inbox.next(2);
        assertThat(received.stream().map(Clients::text)).containsExactly("named", "aliased");
        assertThat(received).allSatisfy(message -> assertThat(message.getTopic().toString()).isEqualTo(topic));
    }

    @Test
    void clientCanRemapAnAlias() {
        String first = clients.topic("alias/first");
        String second = clients.topic("alias/second");
        Inbox<Mqtt5Publish> inbox = clients.subscriber(clients.topic("alias/+"));
        RawMqttClient publisher = connectedPublisher();

        publisher.publish(Publish.of(first, "1").withProperties(alias(2)));
        publisher.publish(Publish.of(second, "2").withProperties(alias(2)));   // alias 2 now means `second`
        publisher.publish(Publish.of("", "3").withProperties(alias(2)));

        List<Mqtt5Publish> received = inbox.next(3);
        assertThat(received.stream().map(message -> message.getTopic() + "=" + text(message)))
                .containsExactly(first + "=1", second + "=2", second + "=3");
    }

    @Test
    void topicAliasZeroIsAProtocolError() {
        RawMqttClient publisher = connectedPublisher();

        publisher.publish(Publish.of(clients.topic("alias/zero"), "x").withProperties(alias(0)));

        // [MQTT-3.3.2-8] a Topic Alias of 0 is not permitted. The spec names no reason code for it: Malformed
        // Packet (0x81), Protocol Error (0x82) and Topic Alias invalid (0x94) all fit. Then the close (4.13).
        assertClosedWith(publisher, 0x81, 0x82, 0x94);
    }

    @Test
    void topicAliasAboveTheMaximumIsAProtocolError() {
        RawMqttClient publisher = connectedPublisher();

        publisher.publish(Publish.of(clients.topic("alias/big"), "x").withProperties(alias(HUB_TOPIC_ALIAS_MAXIMUM + 1)));

        // 5.0 3.3.2.3.4: greater than the Topic Alias Maximum from CONNACK is a Protocol Error, 0x94.
        assertClosedWith(publisher, 0x94);
    }

    @Test
    void unknownAliasWithEmptyTopicIsAProtocolError() {
        RawMqttClient publisher = connectedPublisher();

        publisher.publish(Publish.of("", "x").withProperties(alias(3)));

        // 5.0 3.3.4: no mapping for the alias and a zero-length Topic Name: DISCONNECT 0x82 (Protocol Error).
        assertClosedWith(publisher, 0x82);
    }

    @Test
    void hubUsesNoAliasesWhenTheClientAllowsNone() {
        String topic = clients.topic("alias/none");
        RawMqttClient subscriber = clients.raw();
        assertThat(subscriber.connect(Connect.v5(clients.id("noalias"))).reasonCode()).isZero();
        subscriber.subscribe(1, Subscription.of(topic, 0));

        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("pub"));
        for (int i = 0; i < 5; i++) {
            publisher.publishWith().topic(topic).payload(utf8("n" + i)).send();
        }

        // [MQTT-3.1.2-27] Topic Alias Maximum absent (0): the Server MUST NOT send any Topic Alias.
        for (int i = 0; i < 5; i++) {
            Publish publish = subscriber.readPublish();
            assertThat(publish.topic()).isEqualTo(topic);
            assertThat(publish.properties().has(PropertyId.TOPIC_ALIAS)).isFalse();
        }
    }

    @Test
    void hubAliasesStayWithinTheClientsMaximumAndResolveToTheRightTopics() {
        RawMqttClient subscriber = clients.raw();
        assertThat(subscriber.connect(Connect.v5(clients.id("aliasok"))
                .properties(Properties.none().with(PropertyId.TOPIC_ALIAS_MAXIMUM, 2))).reasonCode()).isZero();
        subscriber.subscribe(1, Subscription.of(clients.topic("alias/out/#"), 0));
        List<String> topics = List.of(clients.topic("alias/out/a"), clients.topic("alias/out/b"), clients.topic("alias/out/c"));
        List<String> sent = new ArrayList<>();
        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("pub"));
        for (int round = 0; round < 3; round++) {
            for (String topic : topics) {
                publisher.publishWith().topic(topic).payload(utf8(topic)).send();
                sent.add(topic);
            }
        }

        // The client resolves aliases as the spec says and checks each against the payload (the real topic).
        Map<Long, String> aliases = new HashMap<>();
        List<String> resolved = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            Publish publish = subscriber.readPublish();
            var alias = publish.properties().integer(PropertyId.TOPIC_ALIAS);
            // 5.0 3.1.2.11.5 / 3.3.2.3.4: never alias 0, never above the Topic Alias Maximum the client announced.
            alias.ifPresent(value -> assertThat(value).isBetween(1L, 2L));
            String topic = publish.topic();
            if (alias.isPresent() && topic.isEmpty()) {
                topic = aliases.get(alias.get());
                assertThat(topic).as("alias %s used before it was mapped", alias.get()).isNotNull();
            } else if (alias.isPresent()) {
                aliases.put(alias.get(), topic);
            }
            assertThat(topic).isEqualTo(publish.payloadText());
            resolved.add(topic);
        }
        assertThat(resolved).containsExactlyElementsOf(sent);
    }

    @Test
    void hiveMqClientsUsingAliasesBothWaysSeeTheRightTopics() {
        String topicA = clients.topic("alias/hive/a");
        String topicB = clients.topic("alias/hive/b");
        Mqtt5BlockingClient subscriber = clients.v5(clients.id("hivesub"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(subscriber);
        subscriber.connectWith().restrictions().topicAliasMaximum(3).applyRestrictions().send();
        subscriber.subscribeWith().topicFilter(clients.topic("alias/hive/+")).qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt5BlockingClient publisher = clients.v5(clients.id("hivepub"));
        publisher.connectWith().restrictions().sendTopicAliasMaximum(3).applyRestrictions().send();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String topic = i % 2 == 0 ? topicA : topicB;
            publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("h" + i)).send();
            expected.add(topic + "=h" + i);
        }

        assertThat(inbox.next(6).stream().map(message -> message.getTopic() + "=" + text(message)))
                .containsExactlyElementsOf(expected);
    }

    private RawMqttClient connectedPublisher() {
        RawMqttClient publisher = clients.raw();
        assertThat(publisher.connect(Connect.v5(clients.id("aliaspub"))).reasonCode()).isZero();
        return publisher;
    }

    private static Properties alias(int alias) {
        return Properties.none().with(PropertyId.TOPIC_ALIAS, alias);
    }

    /** The server closes the connection, after at most one DISCONNECT with one of {@code reasonCodes}. */
    private void assertClosedWith(RawMqttClient client, Integer... reasonCodes) {
        List<MqttPacket> beforeClose = client.awaitClosed(Duration.ofSeconds(5));
        assertThat(beforeClose).hasSizeLessThanOrEqualTo(1);
        beforeClose.forEach(packet -> {
            assertThat(packet.type()).isEqualTo(PacketType.DISCONNECT);
            assertThat(RawMqttClient.asDisconnect(packet).reasonCode()).isIn((Object[]) reasonCodes);
        });
        clients.assertHubStillServes();
    }
}
