package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.text;
import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.Elapse;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.Inbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 Message Expiry Interval (3.3.2.3.3). */
class MessageExpiryTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @Test
    void queuedMessageWhoseExpiryPassesIsNotDeliveredAndOthersCarryTheRemainingInterval() {
        String topic = clients.topic("expiry/queued");
        Mqtt5BlockingClient device = clients.v5(clients.id("offline"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(device);
        device.connectWith().sessionExpiryInterval(60).send();
        device.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        device.disconnect();

        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("pub"));
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("short")).messageExpiryInterval(1).send();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("long")).messageExpiryInterval(30).send();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("forever")).send();
        Elapse.atLeast(Duration.ofMillis(2_100), "the 1 s message expires while its subscriber is away");

        device.connectWith().cleanStart(false).sessionExpiryInterval(60).send();

        // [MQTT-3.3.2-5] expired before onward delivery started: the Server MUST delete it for this subscriber.
        // One topic and publisher: an undelivered "short" would have come first.
        List<Mqtt5Publish> received = inbox.next(2);
        assertThat(received.stream().map(Clients::text)).containsExactly("long", "forever");
        // [MQTT-3.3.2-6] the interval sent on is the received value minus the time the message waited (>= 2 s).
        assertThat(received.get(0).getMessageExpiryInterval()).isPresent();
        assertThat(received.get(0).getMessageExpiryInterval().getAsLong()).isBetween(1L, 29L);
        assertThat(received.get(1).getMessageExpiryInterval()).isEmpty();
        device.disconnectWith().sessionExpiryInterval(0).send();
    }

    @Test
    void liveMessageCarriesItsExpiryInterval() {
        String topic = clients.topic("expiry/live");
        Inbox<Mqtt5Publish> inbox = clients.subscriber(topic);

        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("fresh")).messageExpiryInterval(60).send();

        // Delivered at once, so at most a second or so has been taken off the 60.
        Mqtt5Publish received = inbox.next();
        assertThat(text(received)).isEqualTo("fresh");
        assertThat(received.getMessageExpiryInterval()).isPresent();
        assertThat(received.getMessageExpiryInterval().getAsLong()).isBetween(58L, 60L);
    }

    @Test
    void messageWithoutExpiryIsDeliveredWithoutOne() {
        String topic = clients.topic("expiry/none");
        Inbox<Mqtt5Publish> inbox = clients.subscriber(topic);

        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("timeless")).send();

        // 3.3.2.3.3: absent means the message does not expire; the Server does not invent an interval.
        assertThat(inbox.next().getMessageExpiryInterval()).isEmpty();
    }
}
