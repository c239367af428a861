package io.thingbus.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.raw.Connect;
import io.thingbus.it.raw.MqttPacket;
import io.thingbus.it.raw.PacketType;
import io.thingbus.it.raw.Packets;
import io.thingbus.it.raw.RawMqttClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keep Alive (3.1.2.10 in both specifications): silent clients are dropped, pinging clients are kept. */
class KeepAliveTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    /** One and a half times a Keep Alive of one second. */
    private static final Duration ONE_AND_A_HALF_KEEP_ALIVES = Duration.ofMillis(1_500);
    /** A broker may not drop a client that has been silent for less than its Keep Alive. */
    private static final Duration EARLIEST_DROP = Duration.ofMillis(900);

    @Test
    void silentMqtt311ClientIsDisconnectedAfterOneAndAHalfKeepAlives() {
        RawMqttClient raw = clients.raw();
        assertThat(raw.connect(Connect.v311(clients.id("silent3")).keepAlive(1)).reasonCode()).isZero();
        long connectedAt = System.nanoTime();

        // 3.1.1 [MQTT-3.1.2-24] no packet within 1.5 x Keep Alive: the Server MUST disconnect. 3.1.1 sends nothing first.
        List<MqttPacket> beforeClose = raw.awaitClosed(ONE_AND_A_HALF_KEEP_ALIVES.plus(hub.timerSlack()));

        assertThat(Duration.ofNanos(System.nanoTime() - connectedAt)).isGreaterThanOrEqualTo(EARLIEST_DROP);
        assertThat(beforeClose).isEmpty();
    }

    @Test
    void silentMqtt5ClientIsDisconnectedAfterOneAndAHalfKeepAlives() {
        RawMqttClient raw = clients.raw();
        assertThat(raw.connect(Connect.v5(clients.id("silent5")).keepAlive(1)).reasonCode()).isZero();
        long connectedAt = System.nanoTime();

        // [MQTT-3.1.2-22]; the Server MAY first send DISCONNECT 0x8D (Keep Alive timeout).
        List<MqttPacket> beforeClose = raw.awaitClosed(ONE_AND_A_HALF_KEEP_ALIVES.plus(hub.timerSlack()));

        assertThat(Duration.ofNanos(System.nanoTime() - connectedAt)).isGreaterThanOrEqualTo(EARLIEST_DROP);
        assertThat(beforeClose).hasSizeLessThanOrEqualTo(1);
        beforeClose.forEach(packet -> {
            assertThat(packet.type()).isEqualTo(PacketType.DISCONNECT);
            assertThat(RawMqttClient.asDisconnect(packet).reasonCode()).isEqualTo(0x8D);
        });
    }

    @Test
    void clientThatPingsWithinItsKeepAliveStaysConnected() {
        RawMqttClient raw = clients.raw();
        assertThat(raw.connect(Connect.v311(clients.id("pinger")).keepAlive(1)).reasonCode()).isZero();

        // Five PINGREQs half a Keep Alive apart: 2.5 s, well past the 1.5 s a silent client would get.
        for (int i = 0; i < 5; i++) {
            raw.send(Packets.pingreq());
            // [MQTT-3.12.4-1] the Server MUST answer PINGREQ with PINGRESP (0xD0 0x00).
            MqttPacket answer = raw.read();
            assertThat(answer.type()).isEqualTo(PacketType.PINGRESP);
            assertThat(answer.body()).isEmpty();
            raw.assertNothingWithin(Duration.ofMillis(500));
        }
        assertThat(raw.isClosedByPeer()).isFalse();
    }
}
