package io.thingbus.it.crash;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one subscriber asked for and what reached it, checked as it arrives: each message must come
 * on the subscribed topic with the subscribed QoS and carry a message number; anything else is a
 * finding. The same for every client library.
 */
final class ReceivedNumbers {

    private final String name;
    private final String topic;
    private final int qos;
    private final Findings findings;
    private final Deliveries deliveries = new Deliveries();
    private final List<NumberSubscriber.Connack> connacks = new CopyOnWriteArrayList<>();

    ReceivedNumbers(String name, String topic, int qos, Findings findings) {
        this.name = name;
        this.topic = topic;
        this.qos = qos;
        this.findings = findings;
    }

    /** A message the client library handed to the application. */
    void message(String receivedTopic, int receivedQos, byte[] payloadBytes) {
        String payload = new String(payloadBytes, StandardCharsets.US_ASCII);
        if (!receivedTopic.equals(topic)) {
            findings.add(name + ": message on unexpected topic " + receivedTopic + ": " + payload);
            return;
        }
        if (receivedQos != qos) {
            findings.add(name + ": message " + payload + " delivered with QoS " + receivedQos + ", subscribed with " + qos);
        }
        try {
            deliveries.record(Integer.parseInt(payload));
        } catch (NumberFormatException notANumber) {
            findings.add(name + ": payload is not a message number: '" + payload + "'");
        }
    }

    /** A CONNACK from hub incarnation {@code incarnation}. */
    void connack(int incarnation, boolean sessionPresent) {
        connacks.add(new NumberSubscriber.Connack(incarnation, sessionPresent));
    }

    String name() {
        return name;
    }

    String topic() {
        return topic;
    }

    int qos() {
        return qos;
    }

    Deliveries deliveries() {
        return deliveries;
    }

    List<NumberSubscriber.Connack> connacks() {
        return List.copyOf(connacks);
    }
}
