package io.thingbus.mqtt.testing;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.Qos;
import java.nio.charset.StandardCharsets;

/** Builds application messages for tests. */
public final class Messages {

    private Messages() {
    }

    /** A message that never expires, published by {@code publisherId} at {@code nowMillis}. */
    public static Message message(String topic, String payload, Qos qos, boolean retain, String publisherId, long nowMillis) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retain, MessageProperties.NONE,
                publisherId, nowMillis, Message.NEVER_EXPIRES);
    }

    /** A non-retained message from "publisher" that never expires. */
    public static Message message(String topic, String payload, Qos qos) {
        return message(topic, payload, qos, false, "publisher", MutableClock.START.toEpochMilli());
    }

    /** A non-retained message that expires at {@code expiresAtMillis}. */
    public static Message expiring(String topic, Qos qos, long createdAtMillis, long expiresAtMillis) {
        return new Message(topic, new byte[] {1}, qos, false, MessageProperties.NONE, "publisher",
                createdAtMillis, expiresAtMillis);
    }

    public static String payload(Message message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }
}
