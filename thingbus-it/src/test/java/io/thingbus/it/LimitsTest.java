package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.text;
import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.HubLimits;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.it.fixture.KnownDeviations;
import io.thingbus.it.raw.Connack;
import io.thingbus.it.raw.Connect;
import io.thingbus.it.raw.MqttPacket;
import io.thingbus.it.raw.PacketType;
import io.thingbus.it.raw.PropertyId;
import io.thingbus.it.raw.Publish;
import io.thingbus.it.raw.RawMqttClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Configured limits: Maximum Packet Size in both directions and Server Keep Alive. */
class LimitsTest {

    private static final int HUB_MAX_PACKET_SIZE = 1024;
    private static final int HUB_MAX_KEEP_ALIVE = 10;

    @RegisterExtension
    static final HubExtension hub = HubExtension.withLimits(HubLimits.defaults()
            .withMaxPacketSize(HUB_MAX_PACKET_SIZE)
            .withMaxKeepAlive(Duration.ofSeconds(HUB_MAX_KEEP_ALIVE)));

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @Test
    void connackAnnouncesTheHubsMaximumPacketSize() {
        Connack connack = clients.raw().connect(Connect.v5(clients.id("mps")).keepAlive(HUB_MAX_KEEP_ALIVE));

        assertThat(connack.properties().integer(PropertyId.MAXIMUM_PACKET_SIZE)).contains((long) HUB_MAX_PACKET_SIZE);
    }

    @Test
    void packetOfExactlyTheMaximumSizeIsAccepted() {
        String topic = clients.topic("size/max");
        Inbox<Mqtt5Publish> inbox = clients.subscriber(topic);
        RawMqttClient publisher = v5Publisher();

        byte[] packet = publishOfTotalSize(topic, HUB_MAX_PACKET_SIZE, Connect.V5);
        assertThat(packet).hasSize(HUB_MAX_PACKET_SIZE);
        publisher.send(packet);

        assertThat(publisher.readAck(PacketType.PUBACK).reasonCode()).isZero();
        assertThat(inbox.next().getPayloadAsBytes()).hasSizeGreaterThan(900);
    }

    @Test
    void mqtt5PacketLargerThanTheMaximumGetsPacketTooLarge() {
        RawMqttClient publisher = v5Publisher();

        publisher.send(publishOfTotalSize(clients.topic("size/big5"), 2 * HUB_MAX_PACKET_SIZE, Connect.V5));

        // 5.0 3.1.2.11.4 / 3.2.2.3.6: a packet above the announced Maximum Packet Size is a Protocol Error:
        // DISCONNECT with Reason Code 0x95 (Packet too large), then close.
        assertPacketTooLarge(publisher);
        clients.assertHubStillServes();
    }

    @Test
    void mqtt5PacketOneByteAboveTheMaximumGetsPacketTooLarge() {
        KnownDeviations.mosquittoDeviatesFrom(hub, "5.0 3.1.2.11.4 it checks max_packet_size against the Remaining"
                + " Length, not the whole packet, so packets up to 3 bytes over the limit get through");
        RawMqttClient publisher = v5Publisher();

        // The Maximum Packet Size counts the whole packet, fixed header included.
        publisher.send(publishOfTotalSize(clients.topic("size/edge"), HUB_MAX_PACKET_SIZE + 1, Connect.V5));

        assertPacketTooLarge(publisher);
    }

    private static void assertPacketTooLarge(RawMqttClient publisher) {
        List<MqttPacket> beforeClose = publisher.awaitClosed(Duration.ofSeconds(5));
        assertThat(beforeClose).hasSize(1);
        assertThat(beforeClose.getFirst().type()).isEqualTo(PacketType.DISCONNECT);
        assertThat(RawMqttClient.asDisconnect(beforeClose.getFirst()).reasonCode()).isEqualTo(0x95);
    }

    @Test
    void mqtt311PacketLargerThanTheMaximumClosesTheConnection() {
        RawMqttClient publisher = clients.raw();
        assertThat(publisher.connect(Connect.v311(clients.id("big3")).keepAlive(HUB_MAX_KEEP_ALIVE)).reasonCode()).isZero();

        publisher.send(publishOfTotalSize(clients.topic("size/big3"), 4 * HUB_MAX_PACKET_SIZE, Connect.V311));

        // 3.1.1 has no way to announce a limit; a server that enforces one can only close the connection.
        assertThat(publisher.awaitClosed(Duration.ofSeconds(5))).isEmpty();
        clients.assertHubStillServes();
    }

    @Test
    void messageLargerThanTheClientsMaximumPacketSizeIsNotSentToThatClient() {
        String topic = clients.topic("size/client");
        Mqtt5BlockingClient small = clients.v5(clients.id("small"));
        Inbox<Mqtt5Publish> smallInbox = Inbox.of(small);
        small.connectWith().keepAlive(HUB_MAX_KEEP_ALIVE).restrictions().maximumPacketSize(256).applyRestrictions().send();
        small.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        Inbox<Mqtt5Publish> unlimited = clients.subscriber(topic);

        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("pub"));
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[600]).send();
        publisher.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("fits")).send();

        // [MQTT-3.1.2-24] the Server MUST NOT send packets above the client's Maximum Packet Size;
        // [MQTT-3.1.2-25] it discards such a message for that client as if it had been delivered. The HiveMQ client
        // would drop the connection on an oversized packet, so "fits" arriving proves none was sent.
        assertThat(text(smallInbox.next())).isEqualTo("fits");
        assertThat(small.getState().isConnected()).isTrue();
        assertThat(unlimited.next(2)).extracting(message -> message.getPayloadAsBytes().length).containsExactly(600, 4);
    }

    @Test
    void clientAskingForALongerKeepAliveIsToldTheHubsMaximum() {
        Mqtt5ConnAck connAck = clients.v5(clients.id("ka60")).connectWith().keepAlive(60).send();

        // 5.0 3.2.2.3.14 Server Keep Alive: the client MUST use it instead of its own.
        assertThat(connAck.getServerKeepAlive()).hasValue(HUB_MAX_KEEP_ALIVE);
    }

    @Test
    void clientAskingForAShorterKeepAliveIsNotToldALongerOne() {
        Mqtt5ConnAck connAck = clients.v5(clients.id("ka5")).connectWith().keepAlive(5).send();

        connAck.getServerKeepAlive().ifPresent(serverKeepAlive -> assertThat(serverKeepAlive).isBetween(1, HUB_MAX_KEEP_ALIVE));
    }

    private RawMqttClient v5Publisher() {
        RawMqttClient publisher = clients.raw();
        assertThat(publisher.connect(Connect.v5(clients.id("sizer")).keepAlive(HUB_MAX_KEEP_ALIVE)).reasonCode()).isZero();
        return publisher;
    }

    /** A QoS 1 PUBLISH whose whole encoding (fixed header included) is exactly {@code totalSize} bytes. */
    private static byte[] publishOfTotalSize(String topic, int totalSize, int level) {
        int payload = totalSize;
        while (true) {
            byte[] packet = Publish.of(topic, new byte[Math.max(0, payload)]).withQos(1, 1).encode(level);
            if (packet.length == totalSize) {
                return packet;
            }
            payload -= packet.length - totalSize;
        }
    }
}
