package io.thingbus.it.crash;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientConnectedContext;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientReconnector;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HiveMQ MQTT client 1.4.2, MQTT 5, session expiry {@value #SESSION_EXPIRY_SECONDS} s, clean start
 * false on every CONNECT: a subscriber that stays online and follows the hub across kills.
 *
 * <p>When its connection drops, its disconnected listener keeps the client (and with it the client
 * side of the session: packet ids of QoS 2 messages it has PUBREC'd, so a resent PUBLISH is not
 * delivered twice) and reconnects it to the next incarnation's port once that is up
 * ({@code reconnectWhen} + {@code transportConfig}), with clean start false and with resubscribing
 * switched off, so the subscription must come from the hub's stored session.
 *
 * <p>Deliveries go to the application through {@code publishes(ALL)}, registered before the first
 * CONNECT, so they are seen whatever subscription (or none) the client thinks it has; the client
 * acknowledges (PUBACK, or PUBREC for QoS 2) after the callback returns.
 */
final class HiveMqSubscriber implements NumberSubscriber {

    static final long SESSION_EXPIRY_SECONDS = 600;
    private static final long TIMEOUT_SECONDS = 10;

    private final String name;
    private final HubSupervisor hubs;
    private final Findings findings;
    private final ReceivedNumbers received;
    private final Mqtt5AsyncClient client;
    /** Incarnation of the current connection or of the last attempt to make one. */
    private volatile int attempted;
    private volatile boolean closing;

    private HiveMqSubscriber(String name, String topic, MqttQos qos, HubSupervisor hubs, Findings findings,
                             Incarnation first) {
        this.name = name;
        this.hubs = hubs;
        this.findings = findings;
        this.received = new ReceivedNumbers(name, topic, qos.getCode(), findings);
        this.attempted = first.index();
        this.client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(name)
                .serverHost("127.0.0.1")
                .serverPort(first.mqttPort())
                .addConnectedListener(this::connected)
                .addDisconnectedListener(this::disconnected)
                .buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> received.message(publish.getTopic().toString(),
                publish.getQos().getCode(), publish.getPayloadAsBytes()));
    }

    /** Connects to {@code first} (clean start false: the data directory is new, so no session exists yet) and subscribes. */
    static HiveMqSubscriber subscribe(String name, String topic, MqttQos qos, HubSupervisor hubs, Findings findings,
                                      Incarnation first) throws InterruptedException, ExecutionException, TimeoutException {
        HiveMqSubscriber subscriber = new HiveMqSubscriber(name, topic, qos, hubs, findings, first);
        subscriber.client.connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(SESSION_EXPIRY_SECONDS)
                .send()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Mqtt5SubAck subAck = subscriber.client.subscribeWith()
                .topicFilter(topic)
                .qos(qos)
                .send()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (subAck.getReasonCodes().get(0).getCode() != qos.getCode()) {
            throw new IllegalStateException(name + ": SUBACK granted " + subAck.getReasonCodes());
        }
        return subscriber;
    }

    /** The incarnation this client is connected to, or -1 while it is not connected. */
    int connectedIncarnation() {
        return client.getState().isConnected() ? attempted : -1;
    }

    private void connected(MqttClientConnectedContext context) {
        boolean sessionPresent = ((Mqtt5ClientConnectedContext) context).getConnAck().isSessionPresent();
        received.connack(attempted, sessionPresent);
    }

    private void disconnected(MqttClientDisconnectedContext context) {
        if (closing || context.getSource() == MqttDisconnectSource.USER) {
            return;
        }
        int lost = attempted;
        if (hubs.isRunning(lost)) {
            findings.add(name + ": connection to running hub #" + lost + " ended (" + context.getSource() + "): "
                    + context.getCause());
        }
        Mqtt5ClientReconnector reconnector = ((Mqtt5ClientDisconnectedContext) context).getReconnector();
        reconnector.reconnect(true)
                .resubscribeIfSessionPresent(false)
                .resubscribeIfSessionExpired(false)
                .republishIfSessionExpired(false);
        reconnector.connectWith()
                .cleanStart(false)
                .sessionExpiryInterval(SESSION_EXPIRY_SECONDS)
                .applyConnect();
        CompletableFuture<Incarnation> next = hubs.after(lost);
        if (next.isDone() && !next.isCompletedExceptionally() && next.join().index() == lost) {
            reconnector.delay(200, TimeUnit.MILLISECONDS); // the hub still runs: do not hammer it
        }
        reconnector.reconnectWhen(next, (hub, failure) -> {
            if (failure != null || closing) {
                reconnector.reconnect(false);
                return;
            }
            attempted = hub.index();
            reconnector.transportConfig(MqttClientTransportConfig.builder()
                    .serverHost("127.0.0.1")
                    .serverPort(hub.mqttPort())
                    .build());
        });
    }

    @Override
    public ReceivedNumbers received() {
        return received;
    }






    @Override
    public void close() {
        closing = true;
        try {
            client.disconnect().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException notConnected) {
            // already disconnected, or reconnecting to a hub that is gone: nothing to close
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
