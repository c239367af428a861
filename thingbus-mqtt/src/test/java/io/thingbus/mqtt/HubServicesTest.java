package io.thingbus.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.thingbus.messaging.UserProperty;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.registry.InMemoryPrincipalStore;
import io.thingbus.registry.Role;
import io.thingbus.registry.ServicePrincipals;
import io.thingbus.registry.auth.AuthConfig;
import io.thingbus.registry.auth.GatewayChildren;
import io.thingbus.registry.auth.HubAuthenticator;
import io.thingbus.registry.auth.InMemoryMqttUserStore;
import io.thingbus.registry.auth.MqttUsers;
import io.thingbus.registry.auth.PasswordHash;
import io.thingbus.registry.auth.SasToken;
import io.thingbus.registry.provisioning.AllocationPolicy;
import io.thingbus.registry.provisioning.EnrollmentKeys;
import io.thingbus.registry.provisioning.EnrollmentSettings;
import io.thingbus.registry.provisioning.EnrollmentStatus;
import io.thingbus.registry.provisioning.Enrollments;
import io.thingbus.registry.provisioning.HubEndpoints;
import io.thingbus.registry.provisioning.InMemoryEnrollmentStore;
import io.thingbus.registry.provisioning.LeastLoadedAllocator;
import io.thingbus.registry.provisioning.PartitionAllocators;
import io.thingbus.registry.provisioning.ProvisioningService;
import io.thingbus.storage.DiskSpaceGuard;
import io.thingbus.storage.InMemoryStores;
import io.thingbus.telemetry.InMemoryTelemetryLog;
import io.thingbus.telemetry.Pseudonymiser;
import io.thingbus.telemetry.TelemetryIngest;
import io.thingbus.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker on a loopback port with the hub's real authenticator, provisioning service and telemetry
 * ingest on in-memory stores, driven by the HiveMQ MQTT client: a device registers over MQTT as Azure
 * DPS devices do, then connects as itself and sends telemetry that a service receives stamped.
 */
class HubServicesTest {

    private static final String SCOPE = "0ne00ABC";
    private static final String KEY = Base64.getEncoder().encodeToString("k".repeat(32).getBytes(StandardCharsets.US_ASCII));
    private static final String KEY_2 = Base64.getEncoder().encodeToString("l".repeat(32).getBytes(StandardCharsets.US_ASCII));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.systemUTC();
    private final InMemoryDeviceStore devices = new InMemoryDeviceStore();
    private final InMemoryEnrollmentStore enrollmentStore = new InMemoryEnrollmentStore();
    private final Enrollments enrollments = new Enrollments(enrollmentStore, clock, new SecureRandom());
    private final InMemoryTelemetryLog log = new InMemoryTelemetryLog();
    private final ServicePrincipals principals = new ServicePrincipals(new InMemoryPrincipalStore(), clock, new SecureRandom());
    private final List<Runnable> cleanups = new ArrayList<>();
    private final Set<String> registrationThreads = ConcurrentHashMap.newKeySet();
    private MqttServer server;

    @BeforeEach
    void startHub() throws InterruptedException {
        LeastLoadedAllocator leastLoaded = LeastLoadedAllocator.count(devices, 8);
        PartitionAllocators allocators = new PartitionAllocators(leastLoaded, AllocationPolicy.HASH);
        DeviceRegistry registry = new DeviceRegistry(devices, allocators.hubDefault(), clock, new SecureRandom());
        GatewayChildren gateways = GatewayChildren.load(devices);
        registry.addListener(gateways);
        ProvisioningService provisioning = new ProvisioningService(enrollmentStore, registry, allocators,
                () -> {
                    registrationThreads.add(Thread.currentThread().getName());
                    return new HubEndpoints("127.0.0.1", server.port(), -1, -1, -1, "/mqtt", "/$iothub/websocket");
                }, clock);
        HubAuthenticator authenticator = new HubAuthenticator(devices, gateways, principals,
                new MqttUsers(new InMemoryMqttUserStore(), clock, new SecureRandom(), PasswordHash.MIN_ITERATIONS),
                provisioning::verify, AuthConfig.DEFAULT, clock);
        HubServices services = new HubServices(new TelemetryIngest(log, Pseudonymiser.NONE, clock), devices, provisioning);
        MqttServerConfig config = MqttServerConfig.defaults().withListeners("127.0.0.1", 0, -1).withTlsListeners(-1, -1);
        server = new MqttServer(config, new InMemoryStores(), DiskSpaceGuard.unlimited(), clock, null, authenticator,
                event -> { }, services);
        server.start();
        enrollments.createIndividual("reg-1", null, null, new EnrollmentKeys(KEY, KEY_2), EnrollmentSettings.defaults());
    }

    @AfterEach
    void stop() {
        cleanups.forEach(Runnable::run);
        server.close();
    }

    private static String registrationToken(String registrationId, String key) {
        return SasToken.sign(SCOPE + "/registrations/" + registrationId, key, Instant.now().plus(1, ChronoUnit.HOURS))
                + "&skn=registration";
    }

    /** A provisioning client as the Azure device SDKs connect one: MQTT 3.1.1, client id = registration id. */
    private Mqtt3BlockingClient registering(String registrationId) {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier(registrationId)
                .serverHost("127.0.0.1").serverPort(server.port()).buildBlocking();
        cleanups.add(() -> {
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        });
        return client;
    }

    private static void connectToRegister(Mqtt3BlockingClient client, String registrationId, String key) {
        client.connectWith().cleanSession(true)
                .simpleAuth().username(SCOPE + "/registrations/" + registrationId + "/api-version=2019-03-31")
                .password(registrationToken(registrationId, key).getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .send();
    }

    private static JsonNode json(byte[] payload) throws Exception {
        return JSON.readTree(payload);
    }

    private static Mqtt3Publish receive(Mqtt3BlockingClient.Mqtt3Publishes publishes) throws InterruptedException {
        Optional<Mqtt3Publish> received = publishes.receive(10, TimeUnit.SECONDS);
        assertThat(received).as("an answer within 10 s").isPresent();
        return received.get();
    }

    @Test
    void aDeviceRegistersOverMqttThenSendsTelemetryAServiceReceivesStamped() throws Exception {
        Mqtt3BlockingClient device = registering("reg-1");
        connectToRegister(device, "reg-1", KEY);
        try (Mqtt3BlockingClient.Mqtt3Publishes answers = device.publishes(MqttGlobalPublishFilter.ALL)) {
            device.subscribeWith().topicFilter("$dps/registrations/res/#").qos(MqttQos.AT_LEAST_ONCE).send();

            device.publishWith().topic("$dps/registrations/PUT/iotdps-register/?$rid=1").qos(MqttQos.AT_MOST_ONCE)
                    .payload("{\"registrationId\":\"reg-1\",\"payload\":{\"modelId\":\"dtmi:x;1\"}}"
                            .getBytes(StandardCharsets.UTF_8)).send();
            Mqtt3Publish assigned = receive(answers);

            assertThat(assigned.getTopic().toString()).isEqualTo("$dps/registrations/res/200/?$rid=1");
            assertThat(assigned.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            JsonNode body = json(assigned.getPayloadAsBytes());
            assertThat(body.path("status").asText()).isEqualTo("assigned");
            String operationId = body.path("operationId").asText();
            assertThat(operationId).isNotEmpty();
            JsonNode state = body.path("registrationState");
            assertThat(state.path("registrationId").asText()).isEqualTo("reg-1");
            assertThat(state.path("deviceId").asText()).isEqualTo("reg-1");
            assertThat(state.path("assignedHub").asText()).isEqualTo("127.0.0.1");
            assertThat(state.path("status").asText()).isEqualTo("assigned");
            assertThat(state.path("substatus").asText()).isEqualTo("initialAssignment");
            assertThat(state.path("endpoints").path("mqtt").asText()).isEqualTo("mqtt://127.0.0.1:" + server.port());
            assertThat(body.toString()).doesNotContain(KEY).doesNotContain(KEY_2);
            assertThat(registrationThreads).as("registered off the event loops").isNotEmpty()
                    .allMatch(name -> name.startsWith("thingbus-auth-"));

            device.publishWith().topic("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=2&operationId=" + operationId)
                    .qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt3Publish polled = receive(answers);
            assertThat(polled.getTopic().toString()).isEqualTo("$dps/registrations/res/200/?$rid=2");
            assertThat(json(polled.getPayloadAsBytes()).path("operationId").asText()).isEqualTo(operationId);
        }
        device.disconnect();

        Mqtt5BlockingClient service = MqttClient.builder().useMqttVersion5().identifier("ingest-1")
                .serverHost("127.0.0.1").serverPort(server.port()).buildBlocking();
        cleanups.add(service::disconnect);
        service.connectWith().simpleAuth().username("ingest")
                .password(principals.create("ingest", Role.OPERATOR).token().getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        try (Mqtt5BlockingClient.Mqtt5Publishes telemetry = service.publishes(MqttGlobalPublishFilter.ALL)) {
            service.subscribeWith().topicFilter("$share/ingest/devices/+/messages/events/#").qos(MqttQos.AT_LEAST_ONCE).send();

            Mqtt5BlockingClient registered = MqttClient.builder().useMqttVersion5().identifier("reg-1")
                    .serverHost("127.0.0.1").serverPort(server.port()).buildBlocking();
            cleanups.add(registered::disconnect);
            registered.connectWith().simpleAuth().username("127.0.0.1/reg-1/?api-version=2021-04-12")
                    .password(SasToken.sign("127.0.0.1/devices/reg-1", KEY, Instant.now().plus(1, ChronoUnit.HOURS))
                            .getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth().send();
            Mqtt5PublishResult result = registered.publishWith()
                    .topic("devices/reg-1/messages/events/%24.ct=application%2Fjson&room=A-1")
                    .qos(MqttQos.AT_LEAST_ONCE).payload("{\"occupied\":true}".getBytes(StandardCharsets.UTF_8))
                    .userProperties().add("source", "badge").applyUserProperties()
                    .send();

            assertThat(((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode())
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(log.read(log.partitions().getFirst(), 0, 10, 1 << 20).records()).singleElement().satisfies(record -> {
                assertThat(record.deviceId()).isEqualTo("reg-1");
                assertThat(record.partition()).isEqualTo(devices.find("reg-1").orElseThrow().partition());
                assertThat(record.properties()).containsExactly(new UserProperty("room", "A-1"),
                        new UserProperty("source", "badge"));
            });
            TelemetryRecord record = log.read(log.partitions().getFirst(), 0, 1, 1 << 20).records().getFirst();
            Optional<Mqtt5Publish> received = telemetry.receive(10, TimeUnit.SECONDS);
            assertThat(received).isPresent();
            Mqtt5Publish stamped = received.get();
            assertThat(stamped.getTopic().toString()).isEqualTo("devices/reg-1/messages/events/");
            assertThat(stamped.getContentType()).hasValueSatisfying(type -> assertThat(type.toString()).isEqualTo("application/json"));
            assertThat(stamped.getUserProperties().asList()).extracting(p -> p.getName() + "=" + p.getValue())
                    .containsExactly("room=A-1", "source=badge", "iothub-connection-device-id=reg-1",
                            "iothub-enqueuedtime=" + Instant.ofEpochMilli(record.enqueuedTime()),
                            "x-opt-partition=" + record.partition(), "x-opt-offset=0");
        }
    }

    @Test
    void aSecondRegistrationIsAnsweredWithAConflictAndAnUnknownOperationWithNotFound() throws Exception {
        enrollments.createIndividual("reg-2", null, null, new EnrollmentKeys(KEY, KEY_2), EnrollmentSettings.defaults());
        Mqtt3BlockingClient device = registering("reg-2");
        connectToRegister(device, "reg-2", KEY_2);
        try (Mqtt3BlockingClient.Mqtt3Publishes answers = device.publishes(MqttGlobalPublishFilter.ALL)) {
            device.subscribeWith().topicFilter("$dps/registrations/res/#").qos(MqttQos.AT_LEAST_ONCE).send();

            device.publishWith().topic("$dps/registrations/PUT/iotdps-register/?$rid=a").qos(MqttQos.AT_LEAST_ONCE).send();
            assertThat(receive(answers).getTopic().toString()).isEqualTo("$dps/registrations/res/200/?$rid=a");
            device.publishWith().topic("$dps/registrations/PUT/iotdps-register/?$rid=b").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt3Publish conflict = receive(answers);
            device.publishWith().topic("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=c&operationId=9.9")
                    .qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt3Publish notFound = receive(answers);
            device.publishWith().topic("$dps/registrations/PUT/iotdps-register/?$rid=d").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"registrationId\":\"someone-else\"}".getBytes(StandardCharsets.UTF_8)).send();
            Mqtt3Publish badRequest = receive(answers);

            assertThat(conflict.getTopic().toString()).isEqualTo("$dps/registrations/res/409/?$rid=b");
            assertThat(json(conflict.getPayloadAsBytes()).path("errorCode").asInt()).isEqualTo(409000);
            assertThat(json(conflict.getPayloadAsBytes()).path("code").asText()).isEqualTo("CONFLICT");
            assertThat(json(conflict.getPayloadAsBytes()).path("message").asText()).contains("registered already");
            assertThat(notFound.getTopic().toString()).isEqualTo("$dps/registrations/res/404/?$rid=c");
            assertThat(badRequest.getTopic().toString()).isEqualTo("$dps/registrations/res/400/?$rid=d");
            assertThat(device.getState().isConnected()).isTrue();
        }
    }

    @Test
    void aWrongKeyIsRefusedAtConnectAndADisabledEnrollmentIsNotAuthorized() {
        enrollments.createIndividual("off-1", null, null, new EnrollmentKeys(KEY, KEY_2),
                EnrollmentSettings.defaults().withStatus(EnrollmentStatus.DISABLED));
        String wrongKey = Base64.getEncoder().encodeToString("w".repeat(32).getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> connectToRegister(registering("reg-1"), "reg-1", wrongKey))
                .isInstanceOfSatisfying(Mqtt3ConnAckException.class, e -> assertThat(e.getMqttMessage().getReturnCode())
                        .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD));
        Mqtt5BlockingClient v5 = MqttClient.builder().useMqttVersion5().identifier("off-1")
                .serverHost("127.0.0.1").serverPort(server.port()).buildBlocking();
        assertThatThrownBy(() -> v5.connectWith().simpleAuth().username(SCOPE + "/registrations/off-1/api-version=2019-03-31")
                .password(registrationToken("off-1", KEY).getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send())
                .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
        assertThat(devices.count()).isZero();
    }

    @Test
    void aRegisteringDeviceIsNoDeviceYet() {
        Mqtt3BlockingClient device = registering("reg-1");
        connectToRegister(device, "reg-1", KEY);

        device.publishWith().topic("devices/reg-1/messages/events/").qos(MqttQos.AT_LEAST_ONCE).send();

        assertThat(log.partitions()).as("3.1.1: acknowledged and dropped, never ingested").isEmpty();
        assertThat(devices.count()).isZero();
    }
}
