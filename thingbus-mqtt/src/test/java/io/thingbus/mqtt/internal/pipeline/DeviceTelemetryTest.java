package io.thingbus.mqtt.internal.pipeline;

import static io.thingbus.mqtt.internal.pipeline.EmbeddedClient.connectPacket;
import static io.thingbus.mqtt.internal.pipeline.TestAuthenticators.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.messaging.UserProperty;
import io.thingbus.mqtt.HubServices;
import io.thingbus.mqtt.internal.hub.HubTopics;
import io.thingbus.mqtt.testing.HeldTelemetryLog;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.registry.PartitionAllocator;
import io.thingbus.registry.auth.AccessPolicy;
import io.thingbus.registry.auth.AuthenticationResult;
import io.thingbus.registry.auth.ClientAuthenticator;
import io.thingbus.registry.auth.ClientIdentity;
import io.thingbus.telemetry.PseudonymisationConfig;
import io.thingbus.telemetry.Pseudonymiser;
import io.thingbus.telemetry.TelemetryIngest;
import io.thingbus.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Device telemetry over MQTT on the broker's handlers: appended to the telemetry log in the device's
 * partition with its property bag, acknowledged only once durable, then routed stamped; refusals with
 * their reason codes.
 */
class DeviceTelemetryTest {

    /** User "service" is a service principal; any other user name is that device. Everyone may do anything. */
    private static final ClientAuthenticator DEVICES = credentials -> new AuthenticationResult.Accepted(
            "service".equals(credentials.username())
                    ? new ClientIdentity(ClientIdentity.Kind.SERVICE, "service")
                    : ClientIdentity.device(credentials.username()),
            AccessPolicy.ALLOW_ALL, null);

    private final HeldTelemetryLog log = new HeldTelemetryLog();
    private final InMemoryDeviceStore devices = new InMemoryDeviceStore();
    private EmbeddedBroker broker;
    private EmbeddedClient service;

    @BeforeEach
    void registerDevices() {
        DeviceRegistry registry = new DeviceRegistry(devices, PartitionAllocator.byIdHash(8), Clock.systemUTC(),
                new SecureRandom());
        registry.create("d1", Map.of(), null, 3);
        registry.create("gw", Map.of(), null, 1);
        registry.create("child", Map.of(), "gw", 5);
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private void start(Pseudonymiser pseudonymiser) {
        TelemetryIngest ingest = new TelemetryIngest(log, pseudonymiser, () -> Instant.parse("2026-11-21T10:00:00.250Z"));
        broker = new EmbeddedBroker(DEVICES, HubTopics.of(new HubServices(ingest, devices, null), Runnable::run,
                Clock.systemUTC()));
        service = as(MqttVersion.MQTT_5, "service");
        assertThat(service.subscribe(1, "$share/ingest/devices/+/messages/events/#", MqttQoS.AT_LEAST_ONCE))
                .containsExactly(1);
    }

    private EmbeddedClient as(MqttVersion version, String user) {
        EmbeddedClient client = broker.newClient();
        MqttConnAckMessage connAck = client.connect(connectPacket(version, user + "-client").username(user).password(SECRET)
                .build());
        assertThat(connAck.variableHeader().connectReturnCode().byteValue()).isZero();
        return client;
    }

    private static MqttProperties userProperty(String name, String value) {
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.UserProperty(name, value));
        return properties;
    }

    private static List<String> userProperties(EmbeddedClient.Publish publish) {
        return publish.properties().getProperties(MqttProperties.USER_PROPERTY).stream()
                .map(p -> (MqttProperties.StringPair) p.value())
                .map(pair -> pair.key + "=" + pair.value)
                .toList();
    }

    @Test
    void telemetryIsAcknowledgedOnlyOnceDurableThenRoutedStamped() {
        start(Pseudonymiser.NONE);
        EmbeddedClient d1 = as(MqttVersion.MQTT_5, "d1");

        d1.publish("devices/d1/messages/events/%24.ct=application%2Fjson&room=A%201&flag", MqttQoS.AT_LEAST_ONCE, 7,
                "{\"t\":21}", userProperty("u", "1"));

        assertThat(log.appended()).singleElement().satisfies(record -> {
            assertThat(record.deviceId()).isEqualTo("d1");
            assertThat(record.partition()).as("the device's registry partition").isEqualTo(3);
            assertThat(record.properties()).containsExactly(new UserProperty("room", "A 1"), new UserProperty("flag", ""),
                    new UserProperty("u", "1"));
            assertThat(record.contentType()).isEqualTo("application/json");
            assertThat(record.payload()).asString(StandardCharsets.UTF_8).isEqualTo("{\"t\":21}");
        });
        d1.expectNothing();
        service.expectNothing();

        log.releaseAll();

        assertThat(d1.expectReply(MqttMessageType.PUBACK)).containsExactly(7, 0);
        EmbeddedClient.Publish routed = service.expectPublish();
        assertThat(routed.topic()).isEqualTo("devices/d1/messages/events/");
        assertThat(routed.payload()).isEqualTo("{\"t\":21}");
        assertThat(routed.qos()).isEqualTo(1);
        assertThat(routed.properties().getProperty(MqttProperties.CONTENT_TYPE).value()).isEqualTo("application/json");
        assertThat(userProperties(routed)).containsExactly("room=A 1", "flag=", "u=1",
                "iothub-connection-device-id=d1", "iothub-enqueuedtime=2026-11-21T10:00:00.250Z", "x-opt-partition=3",
                "x-opt-offset=0");
    }

    @Test
    void anInvalidPropertyBagIsRefusedAsAnInvalidPayloadFormat() {
        start(Pseudonymiser.NONE);
        EmbeddedClient d1 = as(MqttVersion.MQTT_5, "d1");

        d1.publish("devices/d1/messages/events/a=%zz", MqttQoS.AT_LEAST_ONCE, 1, "x");
        d1.publish("devices/d1/messages/events/a=%C3%28", MqttQoS.EXACTLY_ONCE, 2, "not UTF-8");

        assertThat(d1.expectReply(MqttMessageType.PUBACK)).containsExactly(1, 0x99);
        assertThat(d1.expectReply(MqttMessageType.PUBREC)).containsExactly(2, 0x99);
        assertThat(log.appended()).isEmpty();
        service.expectNothing();
    }

    @Test
    void aPayloadPseudonymisationRefusesIsAnInvalidPayloadFormat() {
        start(new Pseudonymiser(new PseudonymisationConfig("0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                List.of("/name"), Set.of(), 16, PseudonymisationConfig.InvalidPayload.REFUSE)));
        EmbeddedClient d1 = as(MqttVersion.MQTT_5, "d1");

        d1.publish("devices/d1/messages/events/", MqttQoS.AT_LEAST_ONCE, 1, "not json");
        d1.publish("devices/d1/messages/events/", MqttQoS.AT_LEAST_ONCE, 2, "{\"name\":\"alice\"}");
        log.releaseAll();

        assertThat(d1.expectReply(MqttMessageType.PUBACK)).containsExactly(1, 0x99);
        assertThat(d1.expectReply(MqttMessageType.PUBACK)).containsExactly(2, 0);
        assertThat(service.expectPublish().payload()).as("subscribers get what was stored").doesNotContain("alice");
    }

    @Test
    void aFailedAppendIsNotAcknowledged() {
        start(Pseudonymiser.NONE);
        EmbeddedClient d1 = as(MqttVersion.MQTT_5, "d1");

        d1.publish("devices/d1/messages/events/", MqttQoS.AT_LEAST_ONCE, 1, "x");
        d1.publish("devices/d1/messages/events/", MqttQoS.AT_LEAST_ONCE, 2, "y");
        log.failAll(new ThingbusException(ErrorCode.QUOTA_EXCEEDED, "disk full"));

        assertThat(d1.expectReply(MqttMessageType.PUBACK)).containsExactly(1, 0x97);
        assertThat(d1.expectReply(MqttMessageType.PUBACK)).containsExactly(2, 0x97);
        service.expectNothing();
    }

    @Test
    void anMqtt311DeviceWithAnInvalidPropertyBagIsDisconnected() {
        start(Pseudonymiser.NONE);
        EmbeddedClient d1 = as(MqttVersion.MQTT_3_1_1, "d1");

        d1.publish("devices/d1/messages/events/a=%", MqttQoS.AT_LEAST_ONCE, 1, "x");
        d1.next();

        assertThat(d1.isOpen()).isFalse();
        assertThat(log.appended()).isEmpty();
    }

    @Test
    void aGatewayPublishesForItsChildInTheChildsPartition() {
        start(Pseudonymiser.NONE);
        EmbeddedClient gateway = as(MqttVersion.MQTT_5, "gw");

        gateway.publish("devices/child/messages/events/", MqttQoS.AT_LEAST_ONCE, 1, "badge");
        gateway.publish("devices/gw/messages/events", MqttQoS.AT_LEAST_ONCE, 2, "own");
        log.releaseAll();

        assertThat(log.appended()).extracting(TelemetryRecord::deviceId, TelemetryRecord::partition)
                .containsExactly(tuple("child", 5), tuple("gw", 1));
        assertThat(gateway.expectReply(MqttMessageType.PUBACK)).containsExactly(1, 0);
        assertThat(gateway.expectReply(MqttMessageType.PUBACK)).containsExactly(2, 0);
        EmbeddedClient.Publish routed = service.expectPublish();
        assertThat(routed.topic()).isEqualTo("devices/child/messages/events/");
        assertThat(userProperties(routed)).contains("iothub-connection-device-id=child", "x-opt-partition=5");
    }

    @Test
    void theDevicesOwnPartitionIsLookedUpOncePerConnectionAChildsEveryTime() {
        start(Pseudonymiser.NONE);
        EmbeddedClient gateway = as(MqttVersion.MQTT_5, "gw");
        gateway.publish("devices/gw/messages/events/", MqttQoS.AT_LEAST_ONCE, 1, "first");
        log.releaseAll();
        assertThat(gateway.expectReply(MqttMessageType.PUBACK)).containsExactly(1, 0);

        devices.remove("gw");
        devices.remove("child");
        gateway.publish("devices/gw/messages/events/", MqttQoS.AT_LEAST_ONCE, 2, "second");
        gateway.publish("devices/child/messages/events/", MqttQoS.AT_LEAST_ONCE, 3, "gone");
        log.releaseAll();

        assertThat(gateway.expectReply(MqttMessageType.PUBACK)).containsExactly(2, 0);
        assertThat(gateway.expectReply(MqttMessageType.PUBACK)).as("an unknown device").containsExactly(3, 0x87);
    }

    @Test
    void onlyDevicesPublishTelemetry() {
        start(Pseudonymiser.NONE);

        service.publish("devices/d1/messages/events/", MqttQoS.AT_LEAST_ONCE, 2, "forged");

        assertThat(service.expectReply(MqttMessageType.PUBACK)).containsExactly(2, 0x87);
        assertThat(log.appended()).isEmpty();
    }

    @Test
    void qos0TelemetryIsAppendedAndRoutedWithoutAcknowledgement() {
        start(Pseudonymiser.NONE);
        EmbeddedClient d1 = as(MqttVersion.MQTT_3_1_1, "d1");

        d1.publish("devices/d1/messages/events/", MqttQoS.AT_MOST_ONCE, 0, "x");
        log.releaseAll();
        d1.server.runPendingTasks();

        assertThat(log.appended()).hasSize(1);
        assertThat(service.expectPublish().qos()).isZero();
        d1.expectNothing();
    }

    @Test
    void theMqtt5ContentTypeWinsOverTheBags() {
        start(Pseudonymiser.NONE);
        EmbeddedClient d1 = as(MqttVersion.MQTT_5, "d1");
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.CONTENT_TYPE, "text/plain"));

        d1.publish("devices/d1/messages/events/%24.ct=application%2Fjson&%24.ce=utf-8", MqttQoS.AT_MOST_ONCE, 0, "x",
                properties);

        assertThat(log.appended()).singleElement().satisfies(record -> {
            assertThat(record.contentType()).isEqualTo("text/plain");
            assertThat(record.properties()).containsExactly(new UserProperty("$.ce", "utf-8"));
        });
    }

    @Test
    void otherTopicsUnderDevicesAreRoutedAsBefore() {
        start(Pseudonymiser.NONE);
        EmbeddedClient d1 = as(MqttVersion.MQTT_5, "d1");
        service.subscribe(2, "devices/d1/messages/devicebound/#", MqttQoS.AT_MOST_ONCE);

        d1.publish("devices/d1/messages/devicebound/x", MqttQoS.AT_MOST_ONCE, 0, "x");
        d1.publish("devices/d1/messages/eventsx", MqttQoS.AT_MOST_ONCE, 0, "y");

        assertThat(service.expectPublish().topic()).isEqualTo("devices/d1/messages/devicebound/x");
        assertThat(log.appended()).isEmpty();
    }
}
