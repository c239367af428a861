package io.thingbus.it.crash;

import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Retained messages under {@value #PREFIX}: sets and clears them (HiveMQ, MQTT 5, blocking API, which
 * returns once the PUBACK or the PUBREC/PUBCOMP is in) and keeps what the hub, having acknowledged
 * them, must hold: topic to payload. A probe reads back what a brand-new subscriber receives.
 */
final class RetainedMessages {

    static final String PREFIX = "crash/retained/";
    private static final String MARKER_TOPIC = PREFIX + "marker";
    private static final long TIMEOUT_SECONDS = 10;

    private final Map<String, String> expected = new TreeMap<>();

    /** Publishes a retained message and waits for its acknowledgement; from then on the hub must keep it. */
    void set(Incarnation hub, String name, String payload, MqttQos qos) {
        publish(hub, PREFIX + name, payload.getBytes(StandardCharsets.UTF_8), qos);
        expected.put(PREFIX + name, payload);
    }

    /** Clears a retained message (empty retained payload) and waits for its acknowledgement. */
    void clear(Incarnation hub, String name) {
        publish(hub, PREFIX + name, new byte[0], MqttQos.AT_LEAST_ONCE);
        expected.remove(PREFIX + name);
    }

    /** Every retained message the hub has acknowledged and not seen cleared since. */
    Map<String, String> expected() {
        return Map.copyOf(expected);
    }

    private static void publish(Incarnation hub, String topic, byte[] payload, MqttQos qos) {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier("crash-retainer-" + hub.index())
                .serverHost("127.0.0.1")
                .serverPort(hub.mqttPort())
                .buildBlocking();
        client.connectWith().cleanStart(true).sessionExpiryInterval(0).send();
        try {
            client.publishWith().topic(topic).qos(qos).retain(true).payload(payload).send();
        } finally {
            client.disconnect();
        }
    }

    /**
     * What a new subscriber to {@code crash/retained/#} receives from {@code hub}: topic to payload of
     * every message flagged retained.
     *
     * <p>To know when all retained messages have arrived, the probe publishes a non-retained marker to
     * a topic under its own filter after the SUBACK. The hub sends a subscription's retained messages
     * in the same step as the SUBACK, before it reads the probe's next packet, and a session delivers
     * in order; so once the marker is in, every retained message the hub would send is in too.
     */
    static Map<String, String> probe(Incarnation hub, String clientId)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, String> received = new ConcurrentHashMap<>();
        AtomicBoolean markerSeen = new AtomicBoolean();
        Mqtt5AsyncClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(hub.mqttPort())
                .buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> {
            String topic = publish.getTopic().toString();
            if (topic.equals(MARKER_TOPIC) && !publish.isRetain()) {
                markerSeen.set(true);
            } else if (publish.isRetain()) {
                received.put(topic, new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8));
            }
        });
        client.connectWith().cleanStart(true).sessionExpiryInterval(0).send().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        try {
            client.subscribeWith().topicFilter(PREFIX + "#").qos(MqttQos.AT_LEAST_ONCE).send()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            client.publishWith().topic(MARKER_TOPIC).qos(MqttQos.AT_LEAST_ONCE).payload(clientId.getBytes(StandardCharsets.UTF_8))
                    .send().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            try {
                await(clientId + " receives its marker").atMost(Duration.ofSeconds(5)).untilTrue(markerSeen);
            } catch (ConditionTimeoutException noMarker) {
                received.put(MARKER_TOPIC, "(marker not received within 5 s)");
            }
            return new TreeMap<>(received);
        } finally {
            client.disconnect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
