package io.thingbus.it.identity;

import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.thingbus.it.fixture.DeviceCertificate;
import io.thingbus.it.fixture.HubApi;
import io.thingbus.it.fixture.HubCa;
import io.thingbus.it.fixture.Inbox;
import io.thingbus.registry.auth.FailureLimits;
import io.thingbus.registry.auth.JwtConfig;
import io.thingbus.registry.auth.SasToken;
import io.thingbus.server.ServerConfig;
import io.thingbus.server.ThingbusServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device identity end to end, as a fleet operator and device SDKs meet it: devices registered through
 * the management API, connecting with SAS tokens (HiveMQ for MQTT 5, Paho for 3.1.1) or an X.509
 * certificate, gateways relaying for their children, provisioning from an allow-list, and a back-end
 * service reading telemetry with its API token. The hub denies by default: nothing here runs with
 * anonymous clients allowed.
 */
class DeviceIdentityTest {

    private static final String ADMIN_TOKEN = "it-admin-" + "0123456789abcdef".repeat(2);
    private static final String HOSTNAME = "localhost";
    private static final byte[] JWT_SECRET = "an entitlement secret of 32 bytes+".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dataDir;

    private static ThingbusServer hub;
    private static HubApi api;

    private final Deque<Runnable> cleanups = new ArrayDeque<>();
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    @BeforeAll
    static void startHub() throws InterruptedException {
        ServerConfig config = ServerConfig.ephemeral(dataDir);
        // failures here are deliberate and many: the limiter gets its own hub below
        hub = ThingbusServer.start(config.withApi(config.api().withAdminToken(ADMIN_TOKEN))
                .withAuth(config.auth().withFailureLimits(new FailureLimits(0, Duration.ofMinutes(1), 1_000))
                        .withJwt(new JwtConfig(List.of(JWT_SECRET), List.of(), null, null))));
        api = new HubApi(hub.httpPort(), ADMIN_TOKEN);
    }

    @AfterAll
    static void stopHub() {
        api.close();
        hub.close();
    }

    @AfterEach
    void closeClients() {
        while (!cleanups.isEmpty()) {
            cleanups.pop().run();
        }
    }

    // ---- SAS devices ----

    @Test
    void aDeviceWithASasTokenPublishesItsOwnTelemetryWhichAServiceReceives() {
        Device device = register("thermo");
        Inbox<Mqtt5Publish> telemetry = serviceSubscriber("devices/+/messages/events/#");
        Mqtt5BlockingClient client = connected(device.mqtt5());

        Mqtt5PubAckReasonCode result = publish(client, "devices/" + device.id + "/messages/events/", "{\"t\": 21.5}");

        assertThat(result).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        Mqtt5Publish received = telemetry.next();
        assertThat(received.getTopic().toString()).startsWith("devices/" + device.id + "/messages/events");
        assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"t\": 21.5}");
    }

    @Test
    void aDeviceMayNotPublishForAnotherDevice() {
        Device device = register("honest");
        Device other = register("victim");
        Inbox<Mqtt5Publish> telemetry = serviceSubscriber("devices/" + other.id + "/messages/events/#");
        Mqtt5BlockingClient client = connected(device.mqtt5());

        Mqtt5PubAckReasonCode result = publish(client, "devices/" + other.id + "/messages/events/", "forged");

        assertThat(result).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(telemetry.poll(Inbox.QUIET_PERIOD)).isEmpty();
    }

    @Test
    void aMqtt311DeviceForgingAnotherDevicesTelemetryIsAcknowledgedButDropped() throws Exception {
        Device device = register("paho");
        Device other = register("paho-victim");
        Inbox<Mqtt5Publish> own = serviceSubscriber("devices/" + device.id + "/messages/events/#");
        Inbox<Mqtt5Publish> victims = serviceSubscriber("devices/" + other.id + "/messages/events/#");
        org.eclipse.paho.client.mqttv3.MqttClient paho = pahoConnected(device);

        // QoS 1 publishes block until their PUBACK: MQTT 3.1.1 has no refusal code, the hub acknowledges and drops
        paho.publish("devices/" + other.id + "/messages/events/", utf8("forged"), 1, false);
        paho.publish("devices/" + device.id + "/messages/events/", utf8("own"), 1, false);

        assertThat(new String(own.next().getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("own");
        assertThat(victims.poll(Inbox.QUIET_PERIOD)).isEmpty();
    }

    @Test
    void aDeviceMayNotSubscribeToAnotherDevicesCommands() throws Exception {
        Device device = register("curious");
        Device other = register("private");
        Mqtt5BlockingClient client = connected(device.mqtt5());

        assertThatThrownBy(() -> client.subscribeWith()
                .topicFilter("devices/" + other.id + "/messages/devicebound/#").qos(MqttQos.AT_LEAST_ONCE).send())
                .isInstanceOfSatisfying(Mqtt5SubAckException.class, refused ->
                        assertThat(refused.getMqttMessage().getReasonCodes())
                                .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
        assertThat(client.subscribeWith().topicFilter("devices/" + device.id + "/messages/devicebound/#")
                .qos(MqttQos.AT_LEAST_ONCE).send().getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);

        org.eclipse.paho.client.mqttv3.MqttClient paho = pahoConnected(device);
        int[] granted = paho.subscribeWithResponse(new String[] {"devices/" + other.id + "/messages/devicebound/#"},
                new int[] {1}).getGrantedQos();
        assertThat(granted).containsExactly(0x80);
    }

    @Test
    void aDeviceReceivesTheCommandsAServiceSendsIt() {
        Device device = register("lamp");
        Mqtt5BlockingClient client = connected(device.mqtt5());
        Inbox<Mqtt5Publish> commands = Inbox.of(client);
        client.subscribeWith().topicFilter("devices/" + device.id + "/messages/devicebound/#").qos(MqttQos.AT_LEAST_ONCE).send();
        Mqtt5BlockingClient service = connected(service("cmd"));

        service.publishWith().topic("devices/" + device.id + "/messages/devicebound/on").qos(MqttQos.AT_LEAST_ONCE)
                .payload(utf8("on")).send();

        assertThat(commands.next().getTopic().toString()).isEqualTo("devices/" + device.id + "/messages/devicebound/on");
    }

    // ---- gateways ----

    @Test
    void aGatewayPublishesForItsChildAndNotForAStranger() {
        Device gateway = register("gw");
        Device child = register("badge", gateway.id);
        Device stranger = register("stranger");
        Inbox<Mqtt5Publish> telemetry = serviceSubscriber("devices/+/messages/events/#");
        Mqtt5BlockingClient client = connected(gateway.mqtt5());

        Mqtt5PubAckReasonCode forChild = publish(client, "devices/" + child.id + "/messages/events/", "seen");
        Mqtt5PubAckReasonCode forStranger = publish(client, "devices/" + stranger.id + "/messages/events/", "not yours");

        assertThat(forChild).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(forStranger).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(telemetry.next().getTopic().toString()).startsWith("devices/" + child.id + "/");
        assertThat(telemetry.poll(Inbox.QUIET_PERIOD)).isEmpty();
    }

    // ---- refused credentials ----

    @Test
    void wrongExpiredAndUnknownCredentialsAreRefusedWithTheRightCodes() {
        Device device = register("refused");
        Device disabled = register("switched-off");
        assertThat(api.patch("/api/v1/devices/" + disabled.id, "{\"status\": \"disabled\"}").status()).isEqualTo(200);

        assertRefused(device.mqtt5(SasToken.sign(device.resource(), otherKey(), inAnHour())),
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertRefused(device.mqtt5(SasToken.sign(device.resource(), device.primaryKey, Instant.now().minusSeconds(60))),
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        Device unknown = new Device("never-registered-" + run, device.primaryKey, null);
        assertRefused(unknown.mqtt5(), Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
        assertRefused(disabled.mqtt5(), Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        assertRefused(MqttClient.builder().useMqttVersion5().identifier("anonymous-" + run).serverHost("127.0.0.1")
                .serverPort(hub.mqttPort()), Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);

        assertThat(pahoRefusal(device, SasToken.sign(device.resource(), otherKey(), inAnHour())))
                .isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        assertThat(pahoRefusal(device, SasToken.sign(device.resource(), device.primaryKey,
                Instant.now().minusSeconds(60)))).isEqualTo(MqttException.REASON_CODE_FAILED_AUTHENTICATION);
        assertThat(pahoRefusal(disabled, disabled.token())).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED);
    }

    @Test
    void theSecondaryKeyWorksAndARotatedKeyStopsWorking() {
        Device device = register("rotating");
        JsonNode view = api.get("/api/v1/devices/" + device.id).json();
        String secondary = view.get("secondaryKey").asText();
        connected(device.mqtt5(SasToken.sign(device.resource(), secondary, inAnHour())));

        JsonNode rotated = api.post("/api/v1/devices/" + device.id + "/keys/regenerate", "{\"key\": \"primary\"}").json();

        assertThat(rotated.get("primaryKey").asText()).isNotEqualTo(device.primaryKey);
        assertRefused(device.mqtt5(), Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void disablingADeviceClosesItsConnection() {
        Device device = register("kicked");
        Mqtt5BlockingClient client = connected(device.mqtt5());

        assertThat(api.patch("/api/v1/devices/" + device.id, "{\"status\": \"disabled\"}").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> !client.getState().isConnected());
        assertRefused(device.mqtt5(), Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        JsonNode state = api.get("/api/v1/devices/" + device.id + "/connection").json();
        assertThat(state.get("connectionState").asText()).isEqualTo("disconnected");
        assertThat(state.get("lastDisconnectReason").asText()).contains("disabled");
    }

    @Test
    void theConnectionStateFollowsTheDevice() {
        Device device = register("tracked");
        Mqtt5BlockingClient client = connected(device.mqtt5());

        JsonNode connected = api.get("/api/v1/devices/" + device.id + "/connection").json();
        assertThat(connected.get("connectionState").asText()).isEqualTo("connected");
        assertThat(connected.get("protocol").asText()).isEqualTo("mqtt5");
        assertThat(connected.get("transport").asText()).isEqualTo("mqtt");

        client.disconnect();

        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/api/v1/devices/" + device.id + "/connection")
                .json().get("connectionState").asText().equals("disconnected"));
    }

    // ---- TLS and X.509 ----

    @Test
    void aSasDeviceConnectsOverTlsTrustingTheHubsCa() {
        Device device = register("tls");
        Mqtt5BlockingClient client = connected(device.mqtt5()
                .serverHost(HOSTNAME).serverPort(hub.mqttsPort()).sslConfig(trustTheHub()));

        assertThat(client.getState().isConnected()).isTrue();
    }

    @Test
    void aDeviceWithARegisteredCertificateThumbprintConnectsWithoutAPassword() {
        Device device = register("x509");
        DeviceCertificate certificate = DeviceCertificate.selfSigned(device.id);
        assertThat(api.put("/api/v1/devices/" + device.id + "/x509",
                "{\"primaryThumbprint\": \"" + certificate.thumbprint() + "\"}").status()).isEqualTo(200);

        Mqtt5BlockingClient client = connected(MqttClient.builder().useMqttVersion5().identifier(device.id)
                .serverHost(HOSTNAME).serverPort(hub.mqttsPort())
                .simpleAuth().username(HOSTNAME + "/" + device.id + "/?api-version=2021-04-12").applySimpleAuth()
                .sslConfig(MqttClientSslConfig.builder().trustManagerFactory(HubCa.trusting(caFile()))
                        .keyManagerFactory(certificate.keyManagers()).build()));

        Mqtt5PubAckReasonCode result = publish(client, "devices/" + device.id + "/messages/events/", "x509");
        assertThat(result).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    }

    // ---- provisioning ----

    @Test
    void anEnrolledGroupMemberRegistersOnceWithItsDerivedKeyThenConnects() {
        String groupId = "badges-" + run;
        JsonNode group = api.post("/api/v1/enrollments/groups", "{\"groupId\": \"" + groupId + "\"}").json();
        String groupKey = group.get("primaryKey").asText();
        String registrationId = "badge-" + run;
        String deviceKey = SasToken.base64Hmac(groupKey, registrationId);

        HubApi.Answer first = provision(registrationId, deviceKey);
        HubApi.Answer second = provision(registrationId, deviceKey);
        HubApi.Answer stranger = provision("not-enrolled-" + run, SasToken.base64Hmac(otherKey(), "not-enrolled-" + run));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("deviceId").asText()).isEqualTo(registrationId);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(stranger.status()).isEqualTo(401);
        assertThat(stranger.contentType()).startsWith("application/problem+json");

        Device provisioned = new Device(registrationId, deviceKey, null);
        Mqtt5BlockingClient client = connected(provisioned.mqtt5());
        assertThat(publish(client, "devices/" + registrationId + "/messages/events/", "hello"))
                .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
    }

    // ---- plain pub/sub clients ----

    @Test
    void anEntitlementTokenGrantsWhatItsClaimsListAndNeverADeviceTopic() {
        String jwt = JWT.create().withSubject("dashboard").withExpiresAt(inAnHour())
                .withClaim("publish", List.of("lobby/#")).withClaim("subscribe", List.of("lobby/#", "devices/#"))
                .sign(Algorithm.HMAC256(JWT_SECRET));
        Mqtt5BlockingClient client = connected(MqttClient.builder().useMqttVersion5().identifier("jwt-" + run)
                .serverHost("127.0.0.1").serverPort(hub.mqttPort())
                .simpleAuth().username("dashboard").password(utf8(jwt)).applySimpleAuth());

        assertThat(publish(client, "lobby/news", "hello")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publish(client, "elsewhere", "no")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThatThrownBy(() -> client.subscribeWith().topicFilter("devices/#").qos(MqttQos.AT_LEAST_ONCE).send())
                .isInstanceOf(Mqtt5SubAckException.class);
        String forged = JWT.create().withSubject("dashboard").withExpiresAt(inAnHour())
                .withClaim("publish", List.of("#")).sign(Algorithm.HMAC256("not the hub's secret, 32 bytes long"));
        assertRefused(MqttClient.builder().useMqttVersion5().identifier("jwt-forged-" + run).serverHost("127.0.0.1")
                .serverPort(hub.mqttPort()).simpleAuth().username("dashboard").password(utf8(forged)).applySimpleAuth(),
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void anMqttUserMadeThroughTheApiUsesGeneralTopicsButNoDeviceTopicUntilRemoved() {
        String name = "alice-" + run;
        assertThat(api.post("/api/v1/users", "{\"name\": \"" + name + "\", \"password\": \"correct horse\"}")
                .status()).isEqualTo(201);
        Mqtt5ClientBuilder alice = MqttClient.builder().useMqttVersion5().identifier(name).serverHost("127.0.0.1")
                .serverPort(hub.mqttPort()).simpleAuth().username(name).password(utf8("correct horse")).applySimpleAuth();
        Mqtt5BlockingClient client = connected(alice);

        assertThat(publish(client, "sensors/" + run + "/temp", "21.5")).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(publish(client, "devices/" + name + "/messages/events/", "no")).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertRefused(MqttClient.builder().useMqttVersion5().identifier(name + "-2").serverHost("127.0.0.1")
                .serverPort(hub.mqttPort()).simpleAuth().username(name).password(utf8("wrong horse")).applySimpleAuth(),
                Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);

        assertThat(api.delete("/api/v1/users/" + name).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(5)).until(() -> !client.getState().isConnected());
        assertRefused(alice, Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    // ---- the management API ----

    @Test
    void apiErrorsAreProblemJson() {
        HubApi.Answer invalid = api.post("/api/v1/devices", "{\"deviceId\": \"has/slash\"}");
        HubApi.Answer unknown = api.get("/api/v1/devices/nobody-" + run);
        HubApi.Answer unauthenticated = new HubApi(hub.httpPort(), "wrong-token").get("/api/v1/devices");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.json().get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.contentType()).startsWith("application/problem+json");
    }

    // ---- the failure limiter ----

    @Test
    void repeatedFailuresFromOneAddressAreRefusedAtOnceWithConnectionRateExceeded(@TempDir Path otherDataDir)
            throws InterruptedException {
        ServerConfig config = ServerConfig.ephemeral(otherDataDir);
        try (ThingbusServer strict = ThingbusServer.start(config.withApi(config.api().withAdminToken(ADMIN_TOKEN))
                .withAuth(config.auth().withFailureLimits(new FailureLimits(2, Duration.ofMinutes(1), 1_000))))) {
            Mqtt5ClientBuilder wrong = MqttClient.builder().useMqttVersion5().identifier("guess-" + run)
                    .serverHost("127.0.0.1").serverPort(strict.mqttPort())
                    .simpleAuth().username("nobody").password(utf8("wrong password")).applySimpleAuth();

            assertRefused(wrong, Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
            assertRefused(wrong, Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
            assertRefused(wrong, Mqtt5ConnAckReasonCode.CONNECTION_RATE_EXCEEDED);
        }
    }

    // ---- helpers ----

    /** A registered device: its id and primary key, and its parent if it has one. */
    private record Device(String id, String primaryKey, String parentId) {

        String resource() {
            return HOSTNAME + "/devices/" + id;
        }

        String token() {
            return SasToken.sign(resource(), primaryKey, inAnHour());
        }

        Mqtt5ClientBuilder mqtt5() {
            return mqtt5(token());
        }

        /** As the Azure IoT SDKs connect: client id = device id, user name {host}/{id}/?api-version=... */
        Mqtt5ClientBuilder mqtt5(String sasToken) {
            return MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1").serverPort(hub.mqttPort())
                    .simpleAuth().username(HOSTNAME + "/" + id + "/?api-version=2021-04-12&DeviceClientType=it")
                    .password(sasToken.getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
    }

    private Device register(String name) {
        return register(name, null);
    }

    private Device register(String name, String parentId) {
        String id = name + "-" + run;
        String body = parentId == null ? "{\"deviceId\": \"" + id + "\"}"
                : "{\"deviceId\": \"" + id + "\", \"parentId\": \"" + parentId + "\"}";
        HubApi.Answer created = api.post("/api/v1/devices", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new Device(id, created.json().get("primaryKey").asText(), parentId);
    }

    private HubApi.Answer provision(String registrationId, String deviceKey) {
        String token = SasToken.sign("0ne00000001/registrations/" + registrationId, deviceKey, inAnHour());
        return api.postAs(token, "/api/v1/provisioning/" + registrationId + "/register", "{}");
    }

    /** A back-end service logged in with the admin's API token, subscribed to {@code filter}. */
    private Inbox<Mqtt5Publish> serviceSubscriber(String filter) {
        Mqtt5BlockingClient subscriber = connected(service("sub"));
        Inbox<Mqtt5Publish> inbox = Inbox.of(subscriber);
        subscriber.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
        return inbox;
    }

    private Mqtt5ClientBuilder service(String role) {
        return MqttClient.builder().useMqttVersion5().identifier("service-" + role + "-" + run + "-"
                        + ThreadLocalRandom.current().nextInt(1_000_000))
                .serverHost("127.0.0.1").serverPort(hub.mqttPort())
                .simpleAuth().username("admin").password(utf8(ADMIN_TOKEN)).applySimpleAuth();
    }

    private Mqtt5BlockingClient connected(Mqtt5ClientBuilder builder) {
        Mqtt5BlockingClient client = builder.buildBlocking();
        client.connect();
        cleanups.push(() -> {
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        });
        return client;
    }

    private org.eclipse.paho.client.mqttv3.MqttClient pahoConnected(Device device) throws MqttException {
        org.eclipse.paho.client.mqttv3.MqttClient paho = pahoClient(device);
        paho.connect(pahoOptions(device, device.token()));
        cleanups.push(() -> {
            try {
                paho.disconnect();
                paho.close();
            } catch (MqttException ignored) {
                // closing after a test: nothing to assert
            }
        });
        return paho;
    }

    private int pahoRefusal(Device device, String token) {
        try {
            org.eclipse.paho.client.mqttv3.MqttClient paho = pahoClient(device);
            try {
                paho.connect(pahoOptions(device, token));
                paho.disconnect();
                return 0;
            } finally {
                paho.close();
            }
        } catch (MqttException refused) {
            return refused.getReasonCode();
        }
    }

    private static org.eclipse.paho.client.mqttv3.MqttClient pahoClient(Device device) throws MqttException {
        return new org.eclipse.paho.client.mqttv3.MqttClient("tcp://127.0.0.1:" + hub.mqttPort(), device.id,
                new MemoryPersistence());
    }

    private static MqttConnectOptions pahoOptions(Device device, String token) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(HOSTNAME + "/" + device.id + "/?api-version=2021-04-12");
        options.setPassword(token.toCharArray());
        options.setCleanSession(true);
        return options;
    }

    private static void assertRefused(Mqtt5ClientBuilder builder, Mqtt5ConnAckReasonCode code) {
        Mqtt5BlockingClient client = builder.buildBlocking();
        assertThatThrownBy(client::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                refused -> assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(code));
    }

    /** Publishes at QoS 1 and returns the PUBACK's reason code (the blocking client throws on an error code). */
    private static Mqtt5PubAckReasonCode publish(Mqtt5BlockingClient client, String topic, String payload) {
        try {
            Mqtt5PublishResult result = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(utf8(payload)).send();
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
        } catch (Mqtt5PubAckException refused) {
            return refused.getMqttMessage().getReasonCode();
        }
    }

    private static MqttClientSslConfig trustTheHub() {
        return MqttClientSslConfig.builder().trustManagerFactory(HubCa.trusting(caFile())).build();
    }

    private static Path caFile() {
        return dataDir.resolve("tls/ca.pem");
    }

    private static Instant inAnHour() {
        return Instant.now().plusSeconds(3_600);
    }

    /** A well-formed key that no device or enrollment holds. */
    private static String otherKey() {
        return java.util.Base64.getEncoder().encodeToString(new byte[32]);
    }
}
