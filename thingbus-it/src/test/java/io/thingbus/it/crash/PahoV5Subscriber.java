package io.thingbus.it.crash;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Eclipse Paho MQTT v5 client, MQTT 5 with clean start false and session expiry
 * {@value HiveMqSubscriber#SESSION_EXPIRY_SECONDS} s: a subscriber the test takes offline and brings
 * back with the same client object, pointed at the current incarnation through the connection
 * options' server URIs. It subscribes once, on its first connection, and never again.
 *
 * <p>Paho v5 1.2.5 hands a message to {@code messageArrived} as soon as its PUBLISH arrives, for QoS 2
 * too, and does not check whether a QoS 2 packet id is already awaiting PUBREL: a QoS 2 PUBLISH resent
 * after a reconnect would reach the application twice. That is why this client only subscribes with
 * QoS 1 here (at least once, duplicates allowed); the QoS 2 subscribers are HiveMQ and Paho v3.
 */
final class PahoV5Subscriber implements NumberSubscriber {

    private static final int TIMEOUT_MILLIS = 10_000;

    private final String name;
    private final ReceivedNumbers received;
    private final MqttAsyncClient client;
    private volatile int attempted = -1;
    private volatile boolean closing;

    PahoV5Subscriber(String name, String topic, int qos, HubSupervisor hubs, Findings findings, Incarnation first)
            throws MqttException {
        this.name = name;
        this.received = new ReceivedNumbers(name, topic, qos, findings);
        this.client = new MqttAsyncClient(first.tcpUri(), name, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                if (!closing && hubs.isRunning(attempted)) {
                    findings.add(name + ": connection to running hub #" + attempted + " lost: " + response);
                }
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                findings.add(name + ": client error: " + exception);
            }

            @Override
            public void messageArrived(String receivedTopic, MqttMessage message) {
                received.message(receivedTopic, message.getQos(), message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // subscribers publish nothing
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                // the CONNACK is read from the connect token
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced authentication
            }
        });
    }

    /** Connects (clean start false) to {@code hub}; returns the CONNACK's session-present flag. */
    boolean connect(Incarnation hub) throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(HiveMqSubscriber.SESSION_EXPIRY_SECONDS);
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
        int granted = token.getReasonCodes()[0];
        if (granted != received.qos()) {
            throw new IllegalStateException(name + ": SUBACK reason code " + granted + " instead of granted QoS " + received.qos());
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
