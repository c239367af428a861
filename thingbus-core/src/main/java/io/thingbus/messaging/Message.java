package io.thingbus.messaging;

import java.util.Objects;

/**
 * An application message as the broker routes and stores it: immutable once built, shared by every
 * subscriber it fans out to. The payload array is never mutated after construction.
 *
 * @param topic           the topic name it was published to (no wildcards)
 * @param payload         the application payload, possibly empty
 * @param qos             the QoS it was published with
 * @param retain          the RETAIN flag as published
 * @param properties      MQTT 5 properties carried end to end
 * @param publisherId     client id of the publisher (for no-local), or null when the hub made it
 * @param createdAtMillis hub clock when the hub accepted it
 * @param expiresAtMillis hub clock after which it must not be delivered; {@link #NEVER_EXPIRES} for none
 */
public record Message(
        String topic,
        byte[] payload,
        Qos qos,
        boolean retain,
        MessageProperties properties,
        String publisherId,
        long createdAtMillis,
        long expiresAtMillis) {

    /** The expiry of a message published without a message expiry interval. */
    public static final long NEVER_EXPIRES = Long.MAX_VALUE;

    public Message {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(properties, "properties");
    }

    /** True when the hub clock has passed the expiry. */
    public boolean isExpired(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /** Whole seconds left before expiry, rounded up, for the forwarded message expiry interval; -1 when it never expires. */
    public long remainingExpirySeconds(long nowMillis) {
        if (expiresAtMillis == NEVER_EXPIRES) {
            return -1;
        }
        return Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
    }

    /** The same message with another QoS and retain flag, as delivered to one subscriber. */
    public Message withQosAndRetain(Qos newQos, boolean newRetain) {
        if (newQos == qos && newRetain == retain) {
            return this;
        }
        return new Message(topic, payload, newQos, newRetain, properties, publisherId, createdAtMillis, expiresAtMillis);
    }
}
