package io.thingbus.it.crash;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Eclipse Paho MQTT v3 client, MQTT 3.1.1, clean session, no automatic reconnect.
 *
 * <p>Acknowledgement: Paho completes a publish's delivery token (and calls its
 * {@link IMqttActionListener#onSuccess}) when the PUBACK arrives for QoS 1, and only when the PUBCOMP
 * arrives for QoS 2 (Paho exposes no PUBREC event). A QoS 2 message whose PUBREC arrived but whose
 * PUBCOMP was cut off by the kill is therefore not counted as acknowledged: the count errs on the
 * safe side. MQTT 3.1.1 acknowledgements carry no reason code, so the hub cannot refuse a message in
 * its PUBACK; it can only close the connection, which fails the token.
 */
final class PahoV3PublisherConnection implements PublisherConnection {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final MqttAsyncClient client;
    private final String topic;
    private final int qos;

    private PahoV3PublisherConnection(MqttAsyncClient client, String topic, int qos) {
        this.client = client;
        this.topic = topic;
        this.qos = qos;
    }

    static PahoV3PublisherConnection connect(Incarnation hub, String clientId, String topic, int qos, int window)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(hub.tcpUri(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        // Paho refuses a publish beyond its in-flight limit; the publisher's own window stays below it.
        options.setMaxInflight(window * 2);
        options.setConnectionTimeout(TIMEOUT_MILLIS / 1000);
        options.setKeepAliveInterval(30);
        try {
            client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
        } catch (MqttException refused) {
            client.close(true);
            throw refused;
        }
        return new PahoV3PublisherConnection(client, topic, qos);
    }

    @Override
    public CompletableFuture<?> publish(int number) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            client.publish(topic, Integer.toString(number).getBytes(StandardCharsets.US_ASCII), qos, false, null,
                    new IMqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            acknowledged.complete(null);
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable cause) {
                            acknowledged.completeExceptionally(cause);
                        }
                    });
        } catch (MqttException | RuntimeException refused) {
            acknowledged.completeExceptionally(refused);
        }
        return acknowledged;
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(TIMEOUT_MILLIS).waitForCompletion(TIMEOUT_MILLIS);
            }
        } catch (MqttException ignored) {
            // the connection is gone either way
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // nothing left to release
        }
    }
}
