package io.thingbus.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.testing.MutableClock;
import io.thingbus.registry.ConnectivityEvent;
import io.thingbus.registry.ConnectivityListener;
import io.thingbus.registry.auth.AccessPolicy;
import io.thingbus.registry.auth.ClientIdentity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live connections by identity: kicking by identity or predicate, and connectivity events. */
class LiveConnectionsTest {

    private final MutableClock clock = new MutableClock();
    private final List<ConnectivityEvent> events = new ArrayList<>();
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private LiveConnections live = new LiveConnections(events::add, new MqttServerDisconnector(), clock);

    @AfterEach
    void closeChannels() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /** An accepted connection of {@code identity} on a channel without handlers: what the hub writes stays readable. */
    private ClientConnection connect(ClientIdentity identity, MqttVersion version) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        ClientConnection connection = new ClientConnection(channel, ClientTransport.MQTTS, clock);
        connection.tryTransitionTo(ConnectionState.AUTHENTICATING);
        connection.connected(new ConnectedClient("client-" + channels.size(), version, 60, ClientLimits.unstated(10),
                identity, AccessPolicy.ALLOW_ALL, ConnectedClient.NEVER_EXPIRES), null, 0);
        live.connected(connection);
        return connection;
    }

    /** Runs the connection's event loop, then returns the reason code of the DISCONNECT it must have written. */
    private static int disconnectReason(ClientConnection connection) {
        EmbeddedChannel channel = (EmbeddedChannel) connection.channel();
        channel.runPendingTasks();
        MqttMessage disconnect = channel.readOutbound();
        assertThat(disconnect).isNotNull();
        assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        MqttReasonCodeAndPropertiesVariableHeader header = (MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader();
        assertThat(header.properties().getProperty(MqttProperties.REASON_STRING).value()).isEqualTo("device disabled");
        return header.reasonCode() & 0xFF;
    }

    private static boolean isOpenAfterItsLoopRan(ClientConnection connection) {
        ((EmbeddedChannel) connection.channel()).runPendingTasks();
        return connection.channel().isOpen();
    }

    @Test
    void disconnectingAnIdentityClosesEveryConnectionOfItAndNoOther() {
        ClientConnection first = connect(ClientIdentity.device("d1"), MqttVersion.MQTT_5);
        ClientConnection second = connect(ClientIdentity.device("d1"), MqttVersion.MQTT_3_1_1);
        ClientConnection other = connect(ClientIdentity.device("d2"), MqttVersion.MQTT_5);

        int asked = live.disconnect(ClientIdentity.device("d1"), ErrorCode.NOT_AUTHORIZED, "device disabled");

        assertThat(asked).isEqualTo(2);
        assertThat(disconnectReason(first)).isEqualTo(0x87);
        assertThat(first.channel().isOpen()).isFalse();
        assertThat(isOpenAfterItsLoopRan(second)).as("MQTT 3.1.1: closed without a packet").isFalse();
        assertThat(((EmbeddedChannel) second.channel()).<Object>readOutbound()).isNull();
        assertThat(isOpenAfterItsLoopRan(other)).isTrue();
        assertThat(first.closeReason()).isEqualTo("not authorized: device disabled");
    }

    @Test
    void disconnectingByPredicateClosesOnlyTheMatchingConnections() {
        ClientConnection device = connect(ClientIdentity.device("d1"), MqttVersion.MQTT_5);
        ClientConnection user = connect(new ClientIdentity(ClientIdentity.Kind.USER, "d1"), MqttVersion.MQTT_5);
        ClientConnection otherDevice = connect(ClientIdentity.device("d2"), MqttVersion.MQTT_5);

        int asked = live.disconnect(ClientIdentity.device("d1")::equals, ErrorCode.NOT_AUTHORIZED, "device disabled");

        assertThat(asked).isEqualTo(1);
        assertThat(disconnectReason(device)).isEqualTo(0x87);
        assertThat(isOpenAfterItsLoopRan(user)).as("same name, not a device").isTrue();
        assertThat(isOpenAfterItsLoopRan(otherDevice)).isTrue();
    }

    @Test
    void aClosedConnectionIsForgottenAndReportedOnce() {
        ClientConnection first = connect(ClientIdentity.device("d1"), MqttVersion.MQTT_5);
        ClientConnection second = connect(ClientIdentity.device("d1"), MqttVersion.MQTT_5);

        first.noteCloseReason("client DISCONNECT (reason 0x0)");
        live.disconnected(first);

        assertThat(live.of(ClientIdentity.device("d1"))).containsExactly(second);
        assertThat(live.disconnect(ClientIdentity.device("d1"), ErrorCode.NOT_AUTHORIZED, "device disabled")).isEqualTo(1);
        assertThat(events).extracting(ConnectivityEvent::type).containsExactly(ConnectivityEvent.Type.CONNECTED,
                ConnectivityEvent.Type.CONNECTED, ConnectivityEvent.Type.DISCONNECTED);
        ConnectivityEvent disconnected = events.get(2);
        assertThat(disconnected.clientId()).isEqualTo("client-1");
        assertThat(disconnected.transport()).isEqualTo("mqtts");
        assertThat(disconnected.reason()).isEqualTo("client DISCONNECT (reason 0x0)");

        live.disconnected(first);
        assertThat(events).as("reported once, however often told").hasSize(3);

        live.disconnected(second);
        assertThat(live.of(ClientIdentity.device("d1"))).isEmpty();
        assertThat(live.disconnect(identity -> true, ErrorCode.NOT_AUTHORIZED, "device disabled")).isZero();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheBookkeeping() {
        ConnectivityListener failing = event -> {
            throw new IllegalStateException("listener bug");
        };
        live = new LiveConnections(failing, new MqttServerDisconnector(), clock);

        ClientConnection connection = connect(ClientIdentity.device("d1"), MqttVersion.MQTT_5);

        assertThat(live.of(ClientIdentity.device("d1"))).containsExactly(connection);
        live.disconnected(connection);
        assertThat(live.of(ClientIdentity.device("d1"))).isEmpty();
    }
}
