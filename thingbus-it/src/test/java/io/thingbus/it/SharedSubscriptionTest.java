package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.it.fixture.KnownDeviations;
import io.thingbus.it.raw.Connect;
import io.thingbus.it.raw.MqttPacket;
import io.thingbus.it.raw.PacketType;
import io.thingbus.it.raw.Packets;
import io.thingbus.it.raw.RawMqttClient;
import io.thingbus.it.raw.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 Shared Subscriptions (4.8.2): {@code $share/{ShareName}/{filter}}. */
class SharedSubscriptionTest {

    private static final int MESSAGES = 20;

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @Test
    void eachMessageGoesToExactlyOneMemberOfTheGroupAndAllToOrdinarySubscribers() {
        String topic = clients.topic("work");
        Member first = member("$share/workers/" + topic);
        Member second = member("$share/workers/" + topic);
        Inbox<Mqtt5Publish> ordinary = clients.subscriber(topic);

        List<String> sent = publish(topic, MESSAGES);

        List<String> shared = collect(MESSAGES, first, second);
        // 4.8.2: each message goes to one session of the group; both members are served over 20 messages.
        assertThat(shared).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(first.received).isNotEmpty();
        assertThat(second.received).isNotEmpty();
        // A non-shared subscription on the same topic gets every message.
        assertThat(ordinary.next(MESSAGES).stream().map(Clients::text)).containsExactlyElementsOf(sent);
    }

    @Test
    void everyShareGroupGetsEveryMessage() {
        String topic = clients.topic("groups");
        Member alpha = member("$share/alpha/" + topic);
        Member beta = member("$share/beta/" + topic);

        List<String> sent = publish(topic, 5);

        // Each Shared Subscription (group) is separate: the message goes to one member of each.
        assertThat(collect(5, alpha)).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(collect(5, beta)).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void sharedSubscriptionFilterMayContainWildcards() {
        Member member = member("$share/wild/" + clients.topic("w/+/temp"));

        clients.v5Connected(clients.id("pub")).publishWith().topic(clients.topic("w/kitchen/temp"))
                .qos(MqttQos.AT_LEAST_ONCE).payload(utf8("21")).send();

        assertThat(collect(1, member)).containsExactly("21");
    }

    @Test
    void remainingMemberGetsEverythingAfterTheOtherUnsubscribes() {
        String topic = clients.topic("leave");
        String filter = "$share/leavers/" + topic;
        Member staying = member(filter);
        Member leaving = member(filter);
        leaving.client.unsubscribeWith().topicFilter(filter).send();

        List<String> sent = publish(topic, 6);

        assertThat(collect(6, staying)).containsExactlyInAnyOrderElementsOf(sent);
        leaving.inbox.assertNothingWithin(Duration.ofMillis(300));
    }

    @Test
    void connackDoesNotDenySharedSubscriptions() {
        Mqtt5ConnAck connAck = clients.v5(clients.id("avail")).connect();

        // 3.2.2.3.13 Shared Subscription Available: absent or 1 means supported.
        assertThat(connAck.getRestrictions().isSharedSubscriptionAvailable()).isTrue();
    }

    @Test
    void noLocalOnASharedSubscriptionIsAProtocolError() {
        KnownDeviations.mosquittoDeviatesFrom(hub, "[MQTT-3.8.3-4] it grants a Shared Subscription with No Local 1"
                + " instead of treating it as a Protocol Error");
        RawMqttClient client = clients.raw();
        assertThat(client.connect(Connect.v5(clients.id("nolocalsh"))).reasonCode()).isZero();

        client.send(Packets.subscribe(Connect.V5, 1,
                Subscription.of("$share/g/" + clients.topic("nl"), 1).withNoLocal(true)));

        // [MQTT-3.8.3-4] No Local 1 on a Shared Subscription is a Protocol Error: close, after DISCONNECT 0x82.
        List<MqttPacket> beforeClose = client.awaitClosed(Duration.ofSeconds(5));
        assertThat(beforeClose).hasSizeLessThanOrEqualTo(1);
        beforeClose.forEach(packet -> {
            assertThat(packet.type()).isEqualTo(PacketType.DISCONNECT);
            assertThat(RawMqttClient.asDisconnect(packet).reasonCode()).isEqualTo(0x82);
        });
        clients.assertHubStillServes();
    }

    /** One connection subscribed to a shared subscription, and what it received (payloads). */
    private record Member(Mqtt5BlockingClient client, Inbox<Mqtt5Publish> inbox, List<String> received) {
    }

    private Member member(String sharedFilter) {
        Mqtt5BlockingClient client = clients.v5(clients.id("member"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(client);
        client.connect();
        client.subscribeWith().topicFilter(sharedFilter).qos(MqttQos.AT_LEAST_ONCE).send();
        return new Member(client, inbox, Collections.synchronizedList(new ArrayList<>()));
    }

    private List<String> publish(String topic, int count) {
        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("pub"));
        List<String> sent = IntStream.range(0, count).mapToObj(i -> "job" + i).toList();
        sent.forEach(payload -> publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8(payload)).send());
        return sent;
    }

    /** Waits until the members together hold {@code expected} messages, then makes sure no more follow. */
    private static List<String> collect(int expected, Member... members) {
        await("shared messages arrive").atMost(Inbox.EXPECT_TIMEOUT).until(() -> {
            for (Member member : members) {
                member.inbox.drain().forEach(message -> member.received.add(Clients.text(message)));
            }
            return total(members) >= expected;
        });
        for (Member member : members) {
            member.inbox.poll(Duration.ofMillis(300)).ifPresent(message -> member.received.add(Clients.text(message)));
        }
        List<String> all = new ArrayList<>();
        for (Member member : members) {
            all.addAll(member.received);
        }
        return all;
    }

    private static int total(Member... members) {
        int total = 0;
        for (Member member : members) {
            total += member.received.size();
        }
        return total;
    }
}
