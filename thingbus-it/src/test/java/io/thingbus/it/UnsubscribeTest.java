package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.text;
import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAck;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAckReasonCode;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.it.raw.Connect;
import io.thingbus.it.raw.Packets;
import io.thingbus.it.raw.RawMqttClient;
import io.thingbus.it.raw.Suback;
import io.thingbus.it.raw.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** UNSUBSCRIBE and UNSUBACK (3.10 and 3.11). */
class UnsubscribeTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @Test
    void mqtt5UnsubscribeIsAcknowledgedAndStopsDelivery() {
        String topic = clients.topic("unsub5");
        Mqtt5BlockingClient subscriber = clients.v5(clients.id("unsub5"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(subscriber);
        subscriber.connect();
        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("pub"));
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("before")).send();
        assertThat(text(inbox.next())).isEqualTo("before");

        Mqtt5UnsubAck unsubAck = subscriber.unsubscribeWith().topicFilter(topic).send();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("after")).send();

        // [MQTT-3.10.4-2] the Server MUST stop adding new messages for delivery to the Client.
        assertThat(unsubAck.getReasonCodes()).containsExactly(Mqtt5UnsubAckReasonCode.SUCCESS);
        inbox.assertNothingWithin();
    }

    @Test
    void mqtt311UnsubscribeStopsDelivery() {
        String topic = clients.topic("unsub3");
        Mqtt3BlockingClient subscriber = clients.v3(clients.id("unsub3"));
        Inbox<Mqtt3Publish> inbox = Inbox.of(subscriber);
        subscriber.connect();
        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();

        subscriber.unsubscribeWith().topicFilter(topic).send();
        clients.v3Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("after")).send();

        inbox.assertNothingWithin();
    }

    @Test
    void mqtt311UnsubackCarriesOnlyThePacketIdentifier() {
        RawMqttClient client = clients.raw();
        assertThat(client.connect(Connect.v311(clients.id("unsuback3"))).reasonCode()).isZero();
        client.subscribe(1, Subscription.of(clients.topic("u"), 1));

        client.send(Packets.unsubscribe(Connect.V311, 4242, clients.topic("u")));

        // [MQTT-3.10.4-4] UNSUBACK with the UNSUBSCRIBE's Packet Identifier; 3.11: Remaining Length 2, no payload.
        Suback unsuback = client.readUnsuback();
        assertThat(unsuback.packetId()).isEqualTo(4242);
        assertThat(unsuback.reasonCodes()).isEmpty();
    }

    @Test
    void mqtt5UnsubackHasOneReasonCodePerFilter() {
        RawMqttClient client = clients.raw();
        assertThat(client.connect(Connect.v5(clients.id("unsuback5"))).reasonCode()).isZero();
        client.subscribe(1, Subscription.of(clients.topic("u/existing"), 1));

        client.send(Packets.unsubscribe(Connect.V5, 9, clients.topic("u/existing"), clients.topic("u/never")));

        // [MQTT-3.11.3-1] one Reason Code per Topic Filter, in order: 0x00 Success; for a filter that had no
        // subscription, 0x11 (No subscription existed) or 0x00.
        Suback unsuback = client.readUnsuback();
        assertThat(unsuback.packetId()).isEqualTo(9);
        assertThat(unsuback.reasonCodes()).hasSize(2);
        assertThat(unsuback.reasonCodes().get(0)).isEqualTo(0x00);
        assertThat(unsuback.reasonCodes().get(1)).isIn(0x00, 0x11);
    }

    @Test
    void unsubscribeComparesFiltersCharacterByCharacter() {
        String topic = clients.topic("exact/b");
        Mqtt5BlockingClient subscriber = clients.v5(clients.id("exact"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(subscriber);
        subscriber.connect();
        subscriber.subscribeWith().topicFilter(clients.topic("exact/+")).qos(MqttQos.AT_LEAST_ONCE).send();

        // [MQTT-3.10.4-1] filters are compared character by character: "exact/b" does not remove "exact/+".
        subscriber.unsubscribeWith().topicFilter(topic).send();
        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("still here")).send();

        assertThat(text(inbox.next())).isEqualTo("still here");
    }
}
