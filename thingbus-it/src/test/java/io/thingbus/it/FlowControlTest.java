package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.HubLimits;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.it.fixture.KnownDeviations;
import io.thingbus.it.raw.Connack;
import io.thingbus.it.raw.Connect;
import io.thingbus.it.raw.MqttPacket;
import io.thingbus.it.raw.PacketType;
import io.thingbus.it.raw.Packets;
import io.thingbus.it.raw.Properties;
import io.thingbus.it.raw.PropertyId;
import io.thingbus.it.raw.Publish;
import io.thingbus.it.raw.RawMqttClient;
import io.thingbus.it.raw.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 flow control (4.9): Receive Maximum in both directions. */
class FlowControlTest {

    private static final int HUB_RECEIVE_MAXIMUM = 2;

    @RegisterExtension
    static final HubExtension hub = HubExtension.withLimits(HubLimits.defaults().withReceiveMaximum(HUB_RECEIVE_MAXIMUM));

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @Test
    void hubStopsAtTheClientsReceiveMaximumWhileNothingIsAcknowledged() {
        String topic = clients.topic("flow/qos1");
        RawMqttClient subscriber = slowSubscriber(topic, 2);

        publishQos1(topic, 5);

        // [MQTT-3.3.4-9] no more than Receive Maximum unacknowledged QoS 1/2 PUBLISH packets to the client.
        assertThat(List.of(subscriber.readPublish().payloadText(), subscriber.readPublish().payloadText()))
                .containsExactly("m0", "m1");
        subscriber.assertNothingWithin(Duration.ofMillis(500));
    }

    @Test
    void eachPubackLetsExactlyOneMoreQos1PublishThrough() {
        KnownDeviations.mosquittoDeviatesFrom(hub, "[MQTT-3.3.4-9] after one PUBACK it sends two more QoS 1"
                + " PUBLISH packets, leaving Receive Maximum + 1 unacknowledged");
        String topic = clients.topic("flow/qos1-acks");
        RawMqttClient subscriber = slowSubscriber(topic, 2);
        publishQos1(topic, 5);
        Publish first = subscriber.readPublish();
        Publish second = subscriber.readPublish();
        subscriber.assertNothingWithin(Duration.ofMillis(300));

        // Each PUBACK frees exactly one slot.
        subscriber.send(Packets.puback(first.packetId()));
        Publish third = subscriber.readPublish();
        assertThat(third.payloadText()).isEqualTo("m2");
        subscriber.assertNothingWithin(Duration.ofMillis(300));

        subscriber.send(Packets.puback(second.packetId()));
        subscriber.send(Packets.puback(third.packetId()));
        assertThat(List.of(subscriber.readPublish().payloadText(), subscriber.readPublish().payloadText()))
                .containsExactly("m3", "m4");
    }

    @Test
    void qos2SlotIsFreedByPubcompNotByPubrec() {
        String topic = clients.topic("flow/qos2");
        RawMqttClient subscriber = slowSubscriber(topic, 1);
        Mqtt5AsyncClient publisher = clients.v5Connected(clients.id("pub")).toAsync();
        CompletableFuture.allOf(IntStream.range(0, 2).mapToObj(i -> publisher.publishWith().topic(topic)
                .qos(MqttQos.EXACTLY_ONCE).payload(utf8("m" + i)).send()).toArray(CompletableFuture[]::new)).join();

        Publish first = subscriber.readPublish();
        assertThat(first.payloadText()).isEqualTo("m0");
        subscriber.send(Packets.pubrec(first.packetId()));
        assertThat(subscriber.readAck(PacketType.PUBREL).packetId()).isEqualTo(first.packetId());
        // 4.9: the send quota is only returned on PUBCOMP (or a PUBREC with an error code).
        subscriber.assertNothingWithin(Duration.ofMillis(500));

        subscriber.send(Packets.pubcomp(first.packetId()));
        assertThat(subscriber.readPublish().payloadText()).isEqualTo("m1");
    }

    @Test
    void connackAnnouncesTheHubsReceiveMaximum() {
        RawMqttClient client = clients.raw();

        Connack connack = client.connect(Connect.v5(clients.id("announce")));

        // 5.0 3.2.2.3.3: Receive Maximum, absent means 65535.
        assertThat(connack.properties().integer(PropertyId.RECEIVE_MAXIMUM)).contains((long) HUB_RECEIVE_MAXIMUM);
    }

    @Test
    void clientExceedingTheHubsReceiveMaximumIsDisconnected() {
        KnownDeviations.mosquittoDeviatesFrom(hub, "5.0 3.3.4 it answers a PUBLISH beyond its Receive Maximum with"
                + " PUBREC 0x97 (Quota exceeded) and keeps the connection instead of DISCONNECT 0x93");
        RawMqttClient publisher = clients.raw();
        assertThat(publisher.connect(Connect.v5(clients.id("flooder"))).reasonCode()).isZero();

        // QoS 2 PUBLISH packets stay unacknowledged until PUBCOMP; this client never sends PUBREL.
        for (int packetId = 1; packetId <= HUB_RECEIVE_MAXIMUM + 1; packetId++) {
            publisher.publish(Publish.of(clients.topic("flood"), "x").withQos(2, packetId));
        }

        // 5.0 3.3.4: more than Receive Maximum unacknowledged is a protocol violation handled as in 4.13:
        // the connection is closed, after a DISCONNECT with Reason Code 0x93 (Receive Maximum exceeded) if any.
        List<MqttPacket> beforeClose = publisher.awaitClosed(Duration.ofSeconds(5));
        List<MqttPacket> disconnects = beforeClose.stream().filter(p -> p.type() == PacketType.DISCONNECT).toList();
        assertThat(disconnects).hasSizeLessThanOrEqualTo(1);
        disconnects.forEach(disconnect -> assertThat(RawMqttClient.asDisconnect(disconnect).reasonCode()).isEqualTo(0x93));
        clients.assertHubStillServes();
    }

    @Test
    void hiveMqClientRespectsTheHubsReceiveMaximumWhenPublishingInBulk() {
        String topic = clients.topic("flow/bulk");
        Inbox<Mqtt5Publish> inbox = clients.subscriber(topic);
        Mqtt5AsyncClient publisher = clients.v5Connected(clients.id("bulk")).toAsync();

        List<CompletableFuture<Mqtt5PublishResult>> results = IntStream.range(0, 20)
                .mapToObj(i -> publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("b" + i)).send())
                .toList();

        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
        assertThat(results).allSatisfy(result -> assertThat(result.join().getError()).isEmpty());
        assertThat(inbox.next(20).stream().map(Clients::text))
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "b" + i).toList());
    }

    /** A raw MQTT 5 subscriber at QoS 2 that announces {@code receiveMaximum} and acknowledges nothing by itself. */
    private RawMqttClient slowSubscriber(String topic, int receiveMaximum) {
        RawMqttClient subscriber = clients.raw();
        assertThat(subscriber.connect(Connect.v5(clients.id("slow"))
                .properties(Properties.none().with(PropertyId.RECEIVE_MAXIMUM, receiveMaximum))).reasonCode()).isZero();
        assertThat(subscriber.subscribe(1, Subscription.of(topic, 2)).reasonCodes()).containsExactly(2);
        return subscriber;
    }

    private void publishQos1(String topic, int count) {
        Mqtt5AsyncClient publisher = clients.v5Connected(clients.id("pub")).toAsync();
        CompletableFuture.allOf(IntStream.range(0, count).mapToObj(i -> publisher.publishWith().topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE).payload(utf8("m" + i)).send()).toArray(CompletableFuture[]::new)).join();
    }
}
