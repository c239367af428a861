package io.thingbus.it.crash;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Eclipse Paho MQTT v3 client, MQTT 3.1.1 with clean session false: a subscriber the test takes
 * offline and brings back, always with the same client object (its memory persistence holds the
 * client side of the session), pointed at the current incarnation through the connect options'
 * server URIs. It subscribes once, on its first connection, and never again.
 *
 * <p>Paho v3 hands a QoS 1 message to {@code messageArrived} on PUBLISH and sends PUBACK after the
 * callback returns; a QoS 2 message it keeps (by packet id) on PUBLISH, answers PUBREC, and delivers on
 * PUBREL, then sends PUBCOMP, so a resent QoS 2 PUBLISH or PUBREL does not reach the application twice.
 */
final class PahoV3Subscriber implements NumberSubscriber {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final String name;
    private final ReceivedNumbers received;
    private final MqttAsyncClient client;
    private volatile int attempted = -1;
    private volatile boolean closing;

    PahoV3Subscriber(String name, String topic, int qos, HubSupervisor hubs, Findings findings, Incarnation first)
            throws MqttException {
        this.name = name;
        this.received = new ReceivedNumbers(name, topic, qos, findings);
        this.client = new MqttAsyncClient(first.tcpUri(), name, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                if (!closing && hubs.isRunning(attempted)) {
                    findings.add(name + ": connection to running hub #" + attempted + " lost: " + cause);
                }
            }

            @Override
            public void messageArrived(String receivedTopic, MqttMessage message) {
                received.message(receivedTopic, message.getQos(), message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // subscribers publish nothing
            }
        });
    }

    /** Connects (clean session false) to {@code hub}; returns the CONNACK's session-present flag. */
    boolean connect(Incarnation hub) throws MqttException {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setServerURIs(new String[] {hub.tcpUri()});
        options.setConnectionTimeout(TIMEOUT_MILLIS / 1000);
        options.setKeepAliveInterval(30);
        attempted = hub.index();
        IMqttToken token = client.connect(options);
        token.waitForCompletion(TIMEOUT_MILLIS);
        received.connack(hub.index(), token.getSessionPresent());
        return token.getSessionPresent();
    }

    void subscribe() throws MqttException {
        IMqttToken token = client.subscribe(received.topic(), received.qos());
        token.waitForCompletion(TIMEOUT_MILLIS);
        int granted = token.getGrantedQos()[0];
        if (granted != received.qos()) {
            throw new IllegalStateException(name + ": SUBACK granted " + granted + " instead of " + received.qos());
        }
    }

    void disconnect() throws MqttException {
        client.disconnect(TIMEOUT_MILLIS).waitForCompletion(TIMEOUT_MILLIS);
    }

    @Override
    public ReceivedNumbers received() {
        return received;
    }






    @Override
    public void close() {
        closing = true;
        try {
            if (client.isConnected()) {
                disconnect();
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
