package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.text;
import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.Inbox;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Session state (4.1 in both specifications): Clean Session / Clean Start, persistent sessions that keep
 * subscriptions and queue QoS 1 and 2 messages while the client is away, and MQTT 5 Session Expiry.
 */
class SessionTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @Test
    void mqtt311PersistentSessionKeepsSubscriptionsAndQueuesQos1And2() {
        String topic = clients.topic("persistent3");
        Mqtt3BlockingClient device = clients.v3(clients.id("persist3"));
        Inbox<Mqtt3Publish> inbox = Inbox.of(device);
        assertThat(device.connectWith().cleanSession(false).send().isSessionPresent()).isFalse();
        device.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
        device.disconnect();

        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("pub"));
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("one")).send();
        publisher.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE).payload(utf8("two")).send();

        // [MQTT-3.2.2-2] CleanSession 0 and a stored session: Session Present MUST be 1;
        // [MQTT-3.1.2-5] QoS 1 and 2 messages that arrived while disconnected are part of the session.
        assertThat(device.connectWith().cleanSession(false).send().isSessionPresent()).isTrue();
        assertThat(inbox.next(2).stream().map(Clients::text)).containsExactlyInAnyOrder("one", "two");

        // The subscription itself survived: new messages arrive without subscribing again.
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("three")).send();
        assertThat(text(inbox.next())).isEqualTo("three");
        device.disconnect();
        assertThat(device.connectWith().cleanSession(true).send().isSessionPresent()).isFalse();
    }

    @Test
    void mqtt5SessionWithExpiryKeepsSubscriptionsAndQueuesQos1And2() {
        String topic = clients.topic("persistent5");
        Mqtt5BlockingClient device = clients.v5(clients.id("persist5"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(device);
        assertThat(device.connectWith().cleanStart(true).sessionExpiryInterval(60).send().isSessionPresent()).isFalse();
        device.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
        device.disconnect();

        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("pub"));
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("one")).send();
        publisher.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE).payload(utf8("two")).send();

        // 5.0 [MQTT-3.2.2-3] Clean Start 0 and a stored session: Session Present 1, and the queued messages follow.
        assertThat(device.connectWith().cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent()).isTrue();
        assertThat(inbox.next(2).stream().map(Clients::text)).containsExactlyInAnyOrder("one", "two");

        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("three")).send();
        assertThat(text(inbox.next())).isEqualTo("three");
        device.disconnectWith().sessionExpiryInterval(0).send();
    }

    @Test
    void queuedMessagesOfOneTopicAreDeliveredInOrder() {
        String topic = clients.topic("ordered");
        Mqtt5BlockingClient device = clients.v5(clients.id("ordered"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(device);
        device.connectWith().sessionExpiryInterval(60).send();
        device.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        device.disconnect();

        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("pub"));
        List<String> sent = IntStream.range(0, 10).mapToObj(i -> "m" + i).toList();
        sent.forEach(payload -> publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8(payload)).send());

        device.connectWith().cleanStart(false).sessionExpiryInterval(60).send();

        // 4.6: each topic is an Ordered Topic by default; QoS 1 messages go out in the order they were received.
        assertThat(inbox.next(sent.size()).stream().map(Clients::text)).containsExactlyElementsOf(sent);
        device.disconnectWith().sessionExpiryInterval(0).send();
    }

    @Test
    void mqtt311CleanSessionDiscardsThePreviousSession() {
        String topic = clients.topic("discarded3");
        String clientId = clients.id("discard3");
        Mqtt3BlockingClient device = clients.v3(clientId);
        Inbox<Mqtt3Publish> inbox = Inbox.of(device);
        device.connectWith().cleanSession(false).send();
        device.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        device.disconnect();

        // [MQTT-3.1.2-6] CleanSession 1: discard any previous Session and start a new one.
        assertThat(device.connectWith().cleanSession(true).send().isSessionPresent()).isFalse();
        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("nobody listens")).send();
        inbox.assertNothingWithin();

        // The old session is gone for good, and a clean session leaves nothing behind when it ends.
        device.disconnect();
        assertThat(device.connectWith().cleanSession(false).send().isSessionPresent()).isFalse();
        device.disconnect();
        device.connectWith().cleanSession(true).send();
    }

    @Test
    void mqtt5CleanStartDiscardsThePreviousSession() {
        String topic = clients.topic("discarded5");
        Mqtt5BlockingClient device = clients.v5(clients.id("discard5"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(device);
        device.connectWith().sessionExpiryInterval(60).send();
        device.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        device.disconnect();

        // [MQTT-3.1.2-4] Clean Start 1: discard any existing Session and start a new one.
        assertThat(device.connectWith().cleanStart(true).sessionExpiryInterval(60).send().isSessionPresent()).isFalse();
        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("nobody listens")).send();
        inbox.assertNothingWithin();
        device.disconnectWith().sessionExpiryInterval(0).send();
    }

    @Test
    void mqtt5SessionExpiryZeroEndsTheSessionWithTheConnection() {
        String topic = clients.topic("expiry-zero");
        Mqtt5BlockingClient device = clients.v5(clients.id("expzero"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(device);
        device.connectWith().cleanStart(true).send();               // Session Expiry Interval absent: 0
        device.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        device.disconnect();
        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("nobody listens")).send();

        // 5.0 3.1.2.11.2: Session Expiry Interval 0 (or absent), the Session ends when the connection closes.
        assertThat(device.connectWith().cleanStart(false).send().isSessionPresent()).isFalse();
        inbox.assertNothingWithin();
    }

    @Test
    void mqtt5SessionExpiryCanBeShortenedOnDisconnect() {
        Mqtt5BlockingClient device = clients.v5(clients.id("shorten"));
        device.connectWith().sessionExpiryInterval(60).send();

        // 5.0 3.14.2.2.2: the DISCONNECT's Session Expiry Interval replaces the one from CONNECT.
        device.disconnectWith().sessionExpiryInterval(0).send();

        assertThat(device.connectWith().cleanStart(false).send().isSessionPresent()).isFalse();
    }

    @Test
    void mqtt5SessionIsGoneAfterItsExpiryInterval() {
        String clientId = clients.id("expires");
        Mqtt5BlockingClient device = clients.v5(clientId);
        device.connectWith().cleanStart(true).sessionExpiryInterval(1).send();
        device.subscribeWith().topicFilter(clients.topic("expiring")).qos(MqttQos.AT_LEAST_ONCE).send();
        device.disconnect();
        // Reconnecting at once finds the session: it is kept past the connection...
        assertThat(device.connectWith().cleanStart(false).sessionExpiryInterval(1).send().isSessionPresent()).isTrue();
        device.disconnect();

        // ...and discarded once its 1 s interval has passed. Each probe resumes the session if it is still there
        // (and restarts its 1 s), so probes are spaced wider than the interval plus a broker's timer granularity.
        await("session expired")
                .pollDelay(Duration.ofMillis(2_200))
                .pollInterval(Duration.ofMillis(2_200))
                .atMost(Duration.ofSeconds(10))
                .until(() -> {
                    boolean present = device.connectWith().cleanStart(false).sessionExpiryInterval(1).send().isSessionPresent();
                    device.disconnect();
                    return !present;
                });
    }
}
