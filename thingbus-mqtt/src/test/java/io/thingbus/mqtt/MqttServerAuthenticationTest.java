package io.thingbus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.testing.TopicPrefixPolicy;
import io.thingbus.registry.ConnectivityEvent;
import io.thingbus.registry.auth.AuthenticationResult;
import io.thingbus.registry.auth.ClientAuthenticator;
import io.thingbus.registry.auth.ClientIdentity;
import io.thingbus.storage.DiskSpaceGuard;
import io.thingbus.storage.InMemoryStores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole broker on a loopback port with an authenticator, driven by the HiveMQ MQTT client:
 * refused and accepted CONNECTs, the ACL on PUBLISH and SUBSCRIBE, and a device kicked by id.
 */
class MqttServerAuthenticationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Device ID with password "key-ID" may use devices/ID and below; everyone else has bad credentials. */
    private final Set<String> authenticatorThreads = ConcurrentHashMap.newKeySet();
    private final ClientAuthenticator devices = credentials -> {
        authenticatorThreads.add(Thread.currentThread().getName());
        String user = credentials.username();
        if (user != null && credentials.password() != null
                && new String(credentials.password(), StandardCharsets.UTF_8).equals("key-" + user)) {
            return new AuthenticationResult.Accepted(ClientIdentity.device(user), new TopicPrefixPolicy("devices/" + user), null);
        }
        return new AuthenticationResult.Refused(ErrorCode.BAD_CREDENTIALS, "unknown device or wrong key");
    };
    private final List<ConnectivityEvent> events = new CopyOnWriteArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();
    private MqttServer server;

    @BeforeEach
    void startServer() throws InterruptedException {
        MqttServerConfig config = MqttServerConfig.defaults().withListeners("127.0.0.1", 0, -1).withTlsListeners(-1, -1);
        server = new MqttServer(config, new InMemoryStores(), DiskSpaceGuard.unlimited(), Clock.systemUTC(), null,
                devices, events::add);
        server.start();
    }

    @AfterEach
    void stop() {
        cleanups.forEach(Runnable::run);
        server.close();
    }

    private Mqtt5BlockingClient v5(String clientId, AtomicReference<Throwable> disconnectCause) {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5().identifier(clientId)
                .serverHost("127.0.0.1").serverPort(server.port())
                .addDisconnectedListener(context -> disconnectCause.compareAndSet(null, context.getCause()))
                .buildBlocking();
        cleanups.add(() -> {
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        });
        return client;
    }

    private static void connect(Mqtt5BlockingClient client, String user, String password) {
        client.connectWith().simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
    }

    @Test
    void aWrongKeyIsRefusedAndARightOneAccepted() {
        Mqtt5BlockingClient client = v5("d1", new AtomicReference<>());

        assertThatThrownBy(() -> connect(client, "d1", "key-d2"))
                .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
        connect(client, "d1", "key-d1");

        assertThat(client.getState().isConnected()).isTrue();
        assertThat(authenticatorThreads).as("never on an event loop").allMatch(name -> name.startsWith("thingbus-auth-"));
        await().atMost(WAIT).until(() -> !events.isEmpty());
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.identity()).isEqualTo(ClientIdentity.device("d1"));
            assertThat(event.type()).isEqualTo(ConnectivityEvent.Type.CONNECTED);
            assertThat(event.remoteAddress()).isEqualTo("127.0.0.1");
            assertThat(event.transport()).isEqualTo("mqtt");
        });
    }

    @Test
    void anMqtt311ClientWithAWrongKeyGetsReturnCode4() {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier("d1")
                .serverHost("127.0.0.1").serverPort(server.port()).buildBlocking();

        assertThatThrownBy(() -> client.connectWith().simpleAuth().username("d1")
                .password("nope".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send())
                .isInstanceOfSatisfying(Mqtt3ConnAckException.class, e -> assertThat(e.getMqttMessage().getReturnCode())
                        .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD));
    }

    @Test
    void theAclRefusesAnotherDevicesTopics() {
        Mqtt5BlockingClient client = v5("d1", new AtomicReference<>());
        connect(client, "d1", "key-d1");

        // the client reports a SUBACK or PUBACK with an error code as an exception carrying the packet
        assertThatThrownBy(() -> client.subscribeWith()
                .addSubscription().topicFilter("devices/d1/commands/#").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                .addSubscription().topicFilter("devices/d2/#").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                .send())
                .isInstanceOfSatisfying(Mqtt5SubAckException.class, e -> assertThat(e.getMqttMessage().getReasonCodes())
                        .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1, Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
        assertThatThrownBy(() -> client.publishWith().topic("devices/d2/messages/events/").qos(MqttQos.AT_LEAST_ONCE)
                .payload("x".getBytes(StandardCharsets.UTF_8)).send())
                .isInstanceOfSatisfying(Mqtt5PubAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
        Mqtt5PublishResult allowed = client.publishWith().topic("devices/d1/messages/events/").qos(MqttQos.AT_LEAST_ONCE)
                .payload("y".getBytes(StandardCharsets.UTF_8)).send();

        assertThat(((Mqtt5PublishResult.Mqtt5Qos1Result) allowed).getPubAck().getReasonCode())
                .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(client.getState().isConnected()).isTrue();
    }

    @Test
    void aKickedDeviceIsToldWhyAndOthersStay() {
        AtomicReference<Throwable> kicked = new AtomicReference<>();
        Mqtt5BlockingClient d1 = v5("d1", kicked);
        connect(d1, "d1", "key-d1");
        Mqtt5BlockingClient d2 = v5("d2", new AtomicReference<>());
        connect(d2, "d2", "key-d2");

        assertThat(server.disconnectDevice("d1", ErrorCode.NOT_AUTHORIZED, "device disabled")).isEqualTo(1);

        await().atMost(WAIT).until(() -> kicked.get() != null);
        assertThat(kicked.get()).isInstanceOfSatisfying(Mqtt5DisconnectException.class, e -> {
            assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.NOT_AUTHORIZED);
            assertThat(e.getMqttMessage().getReasonString()).hasValueSatisfying(
                    reason -> assertThat(reason.toString()).isEqualTo("device disabled"));
        });
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.type() == ConnectivityEvent.Type.DISCONNECTED));
        assertThat(events).filteredOn(e -> e.type() == ConnectivityEvent.Type.DISCONNECTED).singleElement()
                .satisfies(event -> {
                    assertThat(event.identity()).isEqualTo(ClientIdentity.device("d1"));
                    assertThat(event.reason()).isEqualTo("not authorized: device disabled");
                });
        assertThat(d2.getState().isConnected()).isTrue();
        assertThat(server.disconnect(ClientIdentity.device("d1")::equals, ErrorCode.NOT_AUTHORIZED, "again"))
                .as("d1 has no connection left").isZero();
    }
}
