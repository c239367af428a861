package io.thingbus.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.registry.auth.AccessPolicy;
import io.thingbus.registry.auth.ClientIdentity;
import io.thingbus.mqtt.testing.ManualTimer;
import io.thingbus.mqtt.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keep-alive (MQTT 5 section 3.1.2.10: 1.5 x the interval), the CONNECT timeout and credential expiry, on a manual clock. */
class KeepAliveMonitorTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final KeepAliveMonitor monitor = new KeepAliveMonitor(timer, clock, CONNECT_TIMEOUT, new MqttServerDisconnector());
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /** A watched connection on a channel without handlers: what the hub writes stays readable as packets. */
    private ClientConnection open() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        ClientConnection connection = new ClientConnection(channel, ClientTransport.MQTT, clock);
        monitor.watch(connection);
        return connection;
    }

    private ClientConnection connected(MqttVersion version, int keepAliveSeconds) {
        return connected(version, keepAliveSeconds, ConnectedClient.NEVER_EXPIRES);
    }

    private ClientConnection connected(MqttVersion version, int keepAliveSeconds, long credentialsExpireAtMillis) {
        ClientConnection connection = open();
        assertThat(connection.tryTransitionTo(ConnectionState.AUTHENTICATING)).isTrue();
        assertThat(connection.connected(new ConnectedClient("device-1", version, keepAliveSeconds,
                ClientLimits.unstated(10), ClientIdentity.device("device-1"), AccessPolicy.ALLOW_ALL,
                credentialsExpireAtMillis), null, 0)).isTrue();
        return connection;
    }

    private void sweep() {
        monitor.sweep(clock.millis());
    }

    private static int disconnectReason(ClientConnection connection) {
        MqttMessage disconnect = ((EmbeddedChannel) connection.channel()).readOutbound();
        assertThat(disconnect).isNotNull();
        assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        return ((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode() & 0xFF;
    }

    @Test
    void closesAConnectionSilentForMoreThanOneAndAHalfKeepAlives() {
        ClientConnection connection = connected(MqttVersion.MQTT_5, 10);

        clock.advance(Duration.ofMillis(15_000));
        sweep();
        assertThat(connection.channel().isOpen()).as("exactly 1.5 x keep-alive is still in time").isTrue();

        clock.advance(Duration.ofMillis(1));
        sweep();

        assertThat(connection.channel().isOpen()).isFalse();
        assertThat(disconnectReason(connection)).as("keep alive timeout").isEqualTo(0x8D);
    }

    @Test
    void anyPacketFromTheClientRestartsTheInterval() {
        ClientConnection connection = connected(MqttVersion.MQTT_5, 10);

        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(14));
            connection.markRead();
            sweep();
        }

        assertThat(connection.channel().isOpen()).isTrue();
    }

    @Test
    void closesAnMqtt311ConnectionWithoutAPacket() {
        ClientConnection connection = connected(MqttVersion.MQTT_3_1_1, 10);

        clock.advance(Duration.ofSeconds(16));
        sweep();

        assertThat(connection.channel().isOpen()).isFalse();
        assertThat(((EmbeddedChannel) connection.channel()).<Object>readOutbound()).isNull();
    }

    @Test
    void keepAliveZeroNeverTimesOut() {
        ClientConnection connection = connected(MqttVersion.MQTT_5, 0);

        clock.advance(Duration.ofDays(2));
        sweep();

        assertThat(connection.channel().isOpen()).isTrue();
    }

    @Test
    void closesAConnectionThatNeverSentConnectWithinTheTimeout() {
        ClientConnection connection = open();
        clock.advance(Duration.ofSeconds(5));
        ClientConnection late = open();
        clock.advance(Duration.ofSeconds(5));
        sweep();
        assertThat(connection.channel().isOpen()).as("exactly the timeout is still in time").isTrue();

        clock.advance(Duration.ofMillis(1));
        sweep();

        assertThat(connection.channel().isOpen()).isFalse();
        assertThat(((EmbeddedChannel) connection.channel()).<Object>readOutbound()).as("no version known: no packet").isNull();
        assertThat(connection.state()).isEqualTo(ConnectionState.DISCONNECTING);
        assertThat(late.channel().isOpen()).as("opened 5 s later").isTrue();
    }

    @Test
    void theConnectTimeoutAlsoBoundsAnAuthenticationThatDoesNotAnswer() {
        ClientConnection connection = open();
        assertThat(connection.tryTransitionTo(ConnectionState.AUTHENTICATING)).isTrue();

        clock.advance(CONNECT_TIMEOUT.plusMillis(1));
        sweep();

        assertThat(connection.channel().isOpen()).isFalse();
        assertThat(connection.closeReason()).startsWith("not connected within");
    }

    @Test
    void closesAConnectionWhenItsCredentialsExpire() {
        long expiry = clock.millis() + 60_000;
        ClientConnection connection = connected(MqttVersion.MQTT_5, 0, expiry);
        ClientConnection forever = connected(MqttVersion.MQTT_5, 0);

        clock.advance(Duration.ofMillis(59_999));
        sweep();
        assertThat(connection.channel().isOpen()).as("a millisecond before expiry").isTrue();

        clock.advance(Duration.ofMillis(1));
        sweep();

        assertThat(connection.channel().isOpen()).isFalse();
        assertThat(disconnectReason(connection)).as("not authorized").isEqualTo(0x87);
        assertThat(connection.closeReason()).isEqualTo("not authorized: credentials expired");
        assertThat(forever.channel().isOpen()).as("credentials without expiry").isTrue();
    }

    @Test
    void closesAnMqtt311ConnectionWhoseCredentialsExpiredWithoutAPacket() {
        ClientConnection connection = connected(MqttVersion.MQTT_3_1_1, 0, clock.millis() + 1_000);

        clock.advance(Duration.ofSeconds(1));
        sweep();

        assertThat(connection.channel().isOpen()).isFalse();
        assertThat(((EmbeddedChannel) connection.channel()).<Object>readOutbound()).isNull();
    }

    @Test
    void theConnectTimeoutNoLongerAppliesOnceConnected() {
        ClientConnection connection = connected(MqttVersion.MQTT_5, 60);

        clock.advance(CONNECT_TIMEOUT.plusSeconds(1));
        sweep();

        assertThat(connection.channel().isOpen()).isTrue();
    }

    @Test
    void forgottenConnectionsAreNotSwept() {
        ClientConnection connection = connected(MqttVersion.MQTT_5, 1);
        monitor.forget(connection);

        clock.advance(Duration.ofMinutes(1));
        sweep();

        assertThat(connection.channel().isOpen()).isTrue();
        assertThat(monitor.size()).isZero();
    }

    @Test
    void sweepsEveryHalfSecondOnItsTimerUntilStopped() {
        ClientConnection connection = connected(MqttVersion.MQTT_5, 2);
        monitor.start();

        timer.advance(Duration.ofMillis(3_000));
        assertThat(connection.channel().isOpen()).isTrue();
        timer.advance(Duration.ofMillis(500));
        assertThat(connection.channel().isOpen()).as("swept at 3.5 s, silent for more than 3 s").isFalse();
        assertThat(timer.pendingDelays()).containsExactly(Duration.ofMillis(500));

        monitor.stop();
        timer.advance(Duration.ofSeconds(1));
        assertThat(timer.pendingCount()).as("a stopped monitor does not reschedule").isZero();
    }
}
