package io.thingbus.mqtt.internal.codec;

import io.thingbus.messaging.Message;

/**
 * Everything that decides the bytes of one outgoing PUBLISH.
 *
 * @param message         the routed message (payload and properties)
 * @param topic           the topic name to write: the message's, or empty when a known topic alias stands for it
 * @param qos             the delivered QoS, 0 to 2
 * @param packetId        the packet identifier (QoS 1/2 only)
 * @param duplicate       the DUP flag (a redelivery)
 * @param retain          the RETAIN flag
 * @param mqtt5           true for the MQTT 5 wire form (properties)
 * @param expirySeconds   message expiry interval to forward, -1 for none
 * @param topicAlias      topic alias to send, 0 for none
 * @param subscriptionIds subscription identifiers to send
 */
public record PublishFrame(
        Message message,
        String topic,
        int qos,
        int packetId,
        boolean duplicate,
        boolean retain,
        boolean mqtt5,
        long expirySeconds,
        int topicAlias,
        int[] subscriptionIds) {
}
