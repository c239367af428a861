package io.thingbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.KnownDeviations;
import io.thingbus.it.raw.Connect;
import io.thingbus.it.raw.MqttPacket;
import io.thingbus.it.raw.PacketType;
import io.thingbus.it.raw.Packets;
import io.thingbus.it.raw.RawMqttClient;
import io.thingbus.it.raw.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Topic filters the specifications forbid are refused (4.7.1, 4.7.3, and 4.8.2 for shared subscriptions).
 *
 * <p>Neither specification fixes one answer. A malformed filter is a Malformed Packet or Protocol Error (5.0
 * 4.13, 3.1.1 4.8), which closes the connection, after a DISCONNECT (0x81, 0x82 or 0x8F) in 5.0 if the server
 * sends one; a server may instead refuse just that filter in the SUBACK (5.0 0x8F Topic Filter invalid or another
 * failure code of 0x80 or more, 3.1.1 0x80 Failure). What is never allowed is granting it.
 */
class InvalidTopicFilterTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a/#/b", "a/b#", "a/#b", "a+/b", "a/+b", "#/", ""})
    void mqtt311RefusesInvalidFilter(String filter) {
        assertRefused(Connect.V311, filter);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a/#/b", "a/b#", "a/#b", "a+/b", "a/+b", "#/", "", "$share/gr+oup/t", "$share/gr#oup/t"})
    void mqtt5RefusesInvalidFilter(String filter) {
        assertRefused(Connect.V5, filter);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"$share/group", "$share//t"})
    void mqtt5RefusesSharedSubscriptionWithoutShareNameOrFilter(String filter) {
        KnownDeviations.mosquittoDeviatesFrom(hub, "[MQTT-4.8.2-1] / [MQTT-4.8.2-2] it grants \"$share/group\" and"
                + " \"$share//t\" (no filter after the ShareName, empty ShareName)");
        // [MQTT-4.8.2-1] a ShareName of at least one character; [MQTT-4.8.2-2] followed by "/" and a Topic Filter.
        assertRefused(Connect.V5, filter);
    }

    private void assertRefused(int level, String filter) {
        RawMqttClient client = clients.raw();
        Connect connect = level == Connect.V5 ? Connect.v5(clients.id("badfilter")) : Connect.v311(clients.id("badfilter"));
        assertThat(client.connect(connect).reasonCode()).isZero();

        client.send(Packets.subscribe(level, 5, Subscription.of(filter, 1)));

        Optional<MqttPacket> answer = client.pollOrClose(Duration.ofSeconds(5));
        assertThat(answer.isPresent() || client.isClosedByPeer()).as("an answer or a close").isTrue();
        if (answer.isPresent() && answer.get().type() == PacketType.SUBACK) {
            List<Integer> codes = client.asSuback(answer.get()).reasonCodes();
            assertThat(codes).as("SUBACK for the invalid filter").hasSize(1);
            assertThat(codes.getFirst()).as("a failure code, not a granted QoS").isGreaterThanOrEqualTo(0x80);
        } else {
            List<MqttPacket> beforeClose = client.awaitClosed(Duration.ofSeconds(5));
            answer.ifPresent(packet -> assertDisconnect(level, packet));
            beforeClose.forEach(packet -> assertDisconnect(level, packet));
        }
        clients.assertHubStillServes();
    }

    private static void assertDisconnect(int level, MqttPacket packet) {
        assertThat(level).as("3.1.1 has no server DISCONNECT").isEqualTo(Connect.V5);
        assertThat(packet.type()).isEqualTo(PacketType.DISCONNECT);
        assertThat(RawMqttClient.asDisconnect(packet).reasonCode()).isIn(0x81, 0x82, 0x8F);
    }
}
