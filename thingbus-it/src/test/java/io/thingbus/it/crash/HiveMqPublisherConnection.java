package io.thingbus.it.crash;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HiveMQ MQTT client 1.4.2, MQTT 5, clean start with session expiry 0, no automatic reconnect.
 *
 * <p>Acknowledgement: the future of {@code publishWith()...send()} completes normally for QoS 1 when
 * a PUBACK with a success reason code arrives. For QoS 2 the client records the PUBREC and sends
 * PUBREL, then completes the future normally when the PUBCOMP arrives, or, if the connection is lost
 * after the PUBREC, as soon as the client's session ends (at once, with session expiry 0), still
 * normally; a PUBREC or PUBACK with an error reason code, or a connection lost before the PUBREC,
 * completes it exceptionally ({@code MqttOutgoingQosHandler}, {@code MqttAckSingle}). So a normal
 * completion means exactly "the hub sent a success PUBACK / PUBREC", which is when the hub promises
 * durability, even if the completion itself is observed after the kill.
 */
final class HiveMqPublisherConnection implements PublisherConnection {

    private final Mqtt5AsyncClient client;
    private final String topic;
    private final MqttQos qos;

    private HiveMqPublisherConnection(Mqtt5AsyncClient client, String topic, MqttQos qos) {
        this.client = client;
        this.topic = topic;
        this.qos = qos;
    }

    static HiveMqPublisherConnection connect(Incarnation hub, String clientId, String topic, MqttQos qos)
            throws InterruptedException, ExecutionException, TimeoutException {
        Mqtt5AsyncClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(hub.mqttPort())
                .buildAsync();
        client.connectWith().cleanStart(true).sessionExpiryInterval(0).send().get(10, TimeUnit.SECONDS);
        return new HiveMqPublisherConnection(client, topic, qos);
    }

    @Override
    public CompletableFuture<?> publish(int number) {
        return client.publishWith()
                .topic(topic)
                .qos(qos)
                .payload(Integer.toString(number).getBytes(StandardCharsets.US_ASCII))
                .send();
    }

    @Override
    public boolean isConnected() {
        return client.getState().isConnected();
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            try {
                client.disconnect().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException ignored) {
                // the connection is gone either way
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
