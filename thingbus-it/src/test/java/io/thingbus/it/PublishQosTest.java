package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.text;
import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.it.raw.Ack;
import io.thingbus.it.raw.Connect;
import io.thingbus.it.raw.MqttPacket;
import io.thingbus.it.raw.PacketType;
import io.thingbus.it.raw.Packets;
import io.thingbus.it.raw.Properties;
import io.thingbus.it.raw.PropertyId;
import io.thingbus.it.raw.Publish;
import io.thingbus.it.raw.RawMqttClient;
import io.thingbus.it.raw.Subscription;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PUBLISH at QoS 0, 1 and 2 in both directions, QoS downgrade, redelivery with DUP and exactly-once delivery. */
class PublishQosTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    void mqtt5RoundTripAtEachQos(int qos) {
        String topic = clients.topic("qos5/" + qos);
        Mqtt5BlockingClient subscriber = clients.v5(clients.id("sub"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(subscriber);
        subscriber.connect();
        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(qos)).send();

        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.fromCode(qos))
                .payload(utf8("at qos " + qos)).send();

        Mqtt5Publish received = inbox.next();
        assertThat(received.getTopic().toString()).isEqualTo(topic);
        assertThat(text(received)).isEqualTo("at qos " + qos);
        assertThat(received.getQos().getCode()).isEqualTo(qos);
        assertThat(received.isRetain()).isFalse();
    }

    @ParameterizedTest(name = "QoS {0}")
    @ValueSource(ints = {0, 1, 2})
    void mqtt311RoundTripAtEachQos(int qos) {
        String topic = clients.topic("qos3/" + qos);
        Mqtt3BlockingClient subscriber = clients.v3(clients.id("sub"));
        Inbox<Mqtt3Publish> inbox = Inbox.of(subscriber);
        subscriber.connect();
        subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(qos)).send();

        clients.v3Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.fromCode(qos))
                .payload(utf8("at qos " + qos)).send();

        Mqtt3Publish received = inbox.next();
        assertThat(received.getTopic().toString()).isEqualTo(topic);
        assertThat(text(received)).isEqualTo("at qos " + qos);
        assertThat(received.getQos().getCode()).isEqualTo(qos);
    }

    @ParameterizedTest(name = "published at QoS {0}, subscribed at QoS {1}")
    @CsvSource({"0,0", "0,1", "0,2", "1,0", "1,1", "1,2", "2,0", "2,1", "2,2"})
    void deliveryQosIsTheMinimumOfPublishAndGrantedQos(int publishQos, int subscribeQos) {
        String topic = clients.topic("downgrade");
        Mqtt5BlockingClient subscriber = clients.v5(clients.id("sub"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(subscriber);
        subscriber.connect();
        Mqtt5SubAck subAck = subscriber.subscribeWith().topicFilter(topic).qos(MqttQos.fromCode(subscribeQos)).send();
        // The server may grant less than requested (reason codes 0x00-0x02 are the granted QoS).
        int granted = subAck.getReasonCodes().getFirst().getCode();
        assertThat(granted).isLessThanOrEqualTo(subscribeQos);

        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.fromCode(publishQos))
                .payload(utf8("x")).send();

        // [MQTT-3.8.4-8] (5.0) / [MQTT-3.8.4-6] (3.1.1): delivered at min(published QoS, granted QoS).
        assertThat(inbox.next().getQos().getCode()).isEqualTo(Math.min(publishQos, granted));
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void qos1PublishIsAcknowledgedWithItsPacketIdentifier(int level) {
        RawMqttClient publisher = clients.raw();
        assertThat(publisher.connect(connect(level, clients.id("rawpub1"))).reasonCode()).isZero();

        publisher.publish(Publish.of(clients.topic("acked"), "x").withQos(1, 4711));

        // 4.3.2: PUBACK with the Packet Identifier of the PUBLISH. In 5.0 the reason is 0x00 (Success)
        // or 0x10 (No matching subscribers): nobody subscribed here.
        Ack puback = publisher.readAck(PacketType.PUBACK);
        assertThat(puback.packetId()).isEqualTo(4711);
        assertThat(puback.reasonCode()).isIn(0x00, 0x10);
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void qos2PublishGoesThroughPubrecPubrelPubcomp(int level) {
        String topic = clients.topic("qos2-in");
        Inbox<Mqtt5Publish> inbox = clients.subscriber(topic);
        RawMqttClient publisher = clients.raw();
        assertThat(publisher.connect(connect(level, clients.id("rawpub2"))).reasonCode()).isZero();

        publisher.publish(Publish.of(topic, "exactly once").withQos(2, 42));
        // 4.3.3: PUBREC with the PUBLISH's Packet Identifier.
        assertThat(publisher.readAck(PacketType.PUBREC).packetId()).isEqualTo(42);
        publisher.send(Packets.pubrel(42));
        // 4.3.3: PUBCOMP with the PUBREL's Packet Identifier.
        Ack pubcomp = publisher.readAck(PacketType.PUBCOMP);
        assertThat(pubcomp.packetId()).isEqualTo(42);
        assertThat(pubcomp.reasonCode()).isZero();

        assertThat(text(inbox.next())).isEqualTo("exactly once");
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void qos2DeliveryToASubscriberGoesThroughPubrecPubrelPubcomp(int level) {
        String topic = clients.topic("qos2-out");
        RawMqttClient subscriber = clients.raw();
        assertThat(subscriber.connect(connect(level, clients.id("rawsub2"))).reasonCode()).isZero();
        assertThat(subscriber.subscribe(1, Subscription.of(topic, 2)).reasonCodes()).containsExactly(2);

        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE)
                .payload(utf8("two")).send();

        Publish delivered = subscriber.readPublish();
        assertThat(delivered.qos()).isEqualTo(2);
        assertThat(delivered.dup()).isFalse();
        assertThat(delivered.packetId()).isNotZero();   // [MQTT-2.3.1-1] non-zero Packet Identifier
        assertThat(delivered.payloadText()).isEqualTo("two");
        subscriber.send(Packets.pubrec(delivered.packetId()));
        MqttPacket pubrel = subscriber.read();
        assertThat(pubrel.type()).isEqualTo(PacketType.PUBREL);
        assertThat(pubrel.flags()).as("PUBREL fixed header flags [MQTT-3.6.1-1]").isEqualTo(0b0010);
        subscriber.send(Packets.pubcomp(delivered.packetId()));
        subscriber.assertNothingWithin(java.time.Duration.ofMillis(300));
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void unacknowledgedQos1IsRedeliveredWithDupOnReconnect(int level) {
        String topic = clients.topic("redeliver");
        String clientId = clients.id("redeliver");
        RawMqttClient first = clients.raw();
        assertThat(first.connect(persistent(level, clientId)).reasonCode()).isZero();
        first.subscribe(1, Subscription.of(topic, 1));
        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("again")).send();
        Publish original = first.readPublish();
        assertThat(original.dup()).isFalse();
        first.close();                                      // no PUBACK: the message is still in flight

        RawMqttClient second = clients.raw();
        assertThat(second.connect(persistent(level, clientId).cleanStart(false)).sessionPresent()).isTrue();

        // [MQTT-4.4.0-1] re-send unacknowledged PUBLISH packets with their original Packet Identifiers;
        // [MQTT-3.3.1-1] the DUP flag MUST be 1 on a re-delivery.
        Publish redelivered = second.readPublish();
        assertThat(redelivered.dup()).isTrue();
        assertThat(redelivered.packetId()).isEqualTo(original.packetId());
        assertThat(redelivered.qos()).isEqualTo(1);
        assertThat(redelivered.payloadText()).isEqualTo("again");
        second.send(Packets.puback(redelivered.packetId()));
        second.assertNothingWithin(java.time.Duration.ofMillis(300));
        endSession(second, level);
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void unacknowledgedPubrelIsResentOnReconnect(int level) {
        String topic = clients.topic("pubrel-again");
        String clientId = clients.id("pubrelagain");
        RawMqttClient first = clients.raw();
        assertThat(first.connect(persistent(level, clientId)).reasonCode()).isZero();
        first.subscribe(1, Subscription.of(topic, 2));
        clients.v5Connected(clients.id("pub")).publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE)
                .payload(utf8("two")).send();
        Publish delivered = first.readPublish();
        first.send(Packets.pubrec(delivered.packetId()));
        assertThat(first.readAck(PacketType.PUBREL).packetId()).isEqualTo(delivered.packetId());
        first.close();                                      // no PUBCOMP

        RawMqttClient second = clients.raw();
        assertThat(second.connect(persistent(level, clientId).cleanStart(false)).sessionPresent()).isTrue();

        // [MQTT-4.4.0-1] the PUBREL is re-sent, not the PUBLISH: the message was already received.
        MqttPacket resent = second.read();
        assertThat(resent.type()).isEqualTo(PacketType.PUBREL);
        second.send(Packets.pubcomp(delivered.packetId()));
        second.assertNothingWithin(java.time.Duration.ofMillis(300));
        endSession(second, level);
    }

    @ParameterizedTest(name = "protocol level {0}")
    @ValueSource(ints = {Connect.V311, Connect.V5})
    void qos2IsDeliveredOnceWhenThePublisherResendsBeforePubrel(int level) {
        String topic = clients.topic("once");
        Inbox<Mqtt5Publish> inbox = clients.subscriber(topic);
        RawMqttClient publisher = clients.raw();
        assertThat(publisher.connect(connect(level, clients.id("resender"))).reasonCode()).isZero();

        Publish once = Publish.of(topic, "once").withQos(2, 9);
        publisher.publish(once);
        assertThat(publisher.readAck(PacketType.PUBREC).packetId()).isEqualTo(9);
        // The publisher did not see the PUBREC (as far as it knows) and sends the PUBLISH again with DUP.
        publisher.publish(once.withDup(true));
        assertThat(publisher.readAck(PacketType.PUBREC).packetId()).isEqualTo(9);
        publisher.send(Packets.pubrel(9));
        assertThat(publisher.readAck(PacketType.PUBCOMP).packetId()).isEqualTo(9);
        // Once PUBCOMP is sent the identifier is free: the same id now starts a new message (2.2.1).
        publisher.publish(Publish.of(topic, "marker").withQos(2, 9));
        assertThat(publisher.readAck(PacketType.PUBREC).packetId()).isEqualTo(9);
        publisher.send(Packets.pubrel(9));
        assertThat(publisher.readAck(PacketType.PUBCOMP).packetId()).isEqualTo(9);

        // 4.3.3: until it receives PUBREL the receiver answers a repeated PUBLISH with PUBREC and MUST NOT cause
        // duplicate onward delivery. Both messages share one topic and publisher, so a duplicate would come first.
        assertThat(inbox.next(2).stream().map(Clients::text)).containsExactly("once", "marker");
    }

    @Test
    void payloadsArriveByteForByte() {
        String topic = clients.topic("bytes");
        Inbox<Mqtt5Publish> inbox = clients.subscriber(topic);
        byte[] everyByte = new byte[64 * 1024];
        new Random(7).nextBytes(everyByte);
        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("pub"));

        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(everyByte).send();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[0]).send();

        assertThat(inbox.next().getPayloadAsBytes()).isEqualTo(everyByte);
        assertThat(inbox.next().getPayloadAsBytes()).isEmpty();
    }

    private static Connect connect(int level, String clientId) {
        return level == Connect.V5 ? Connect.v5(clientId) : Connect.v311(clientId);
    }

    /** A session that outlives the connection: CleanSession 0 (3.1.1) or Session Expiry 60 s (5.0). */
    private static Connect persistent(int level, String clientId) {
        return level == Connect.V5
                ? Connect.v5(clientId).properties(Properties.none().with(PropertyId.SESSION_EXPIRY_INTERVAL, 60))
                : Connect.v311(clientId).cleanStart(false);
    }

    private static void endSession(RawMqttClient client, int level) {
        client.send(level == Connect.V5
                ? Packets.disconnect(0x00, Properties.none().with(PropertyId.SESSION_EXPIRY_INTERVAL, 0))
                : Packets.disconnect());
    }
}
