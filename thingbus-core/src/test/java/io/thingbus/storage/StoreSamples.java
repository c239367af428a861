package io.thingbus.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.RetainHandling;
import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.messaging.UserProperty;
import io.thingbus.messaging.Will;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Values the store contracts write and read back, chosen to reach every field and its edge cases;
 * shared with the codec tests of each store implementation.
 */
public final class StoreSamples {

    /** Client ids beyond ASCII: CJK, an astral-plane emoji, combining marks, and a NUL character. */
    public static final List<String> UNICODE_CLIENT_IDS =
            List.of("客户端-1", "rocket-🚀", "e\u0301te\u0301", "nul\u0000inside", "Ωmega/ä/ß");

    private StoreSamples() {
    }

    /** A message with every field set, and every property of MQTT 5 that a message carries. */
    public static Message fullMessage(String topic) {
        MessageProperties properties = new MessageProperties(
                1,
                "application/json; charset=utf-8",
                "replies/☃/" + topic,
                new byte[] {0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xff},
                List.of(new UserProperty("k", "v1"),
                        new UserProperty("k", "v1"), // a duplicate, kept
                        new UserProperty("ключ", "значение"),
                        new UserProperty("", ""),
                        new UserProperty("k", "v0"))); // out of order, kept
        byte[] payload = "{\"temperature\":21.5,\"unit\":\"°C\"}".getBytes(StandardCharsets.UTF_8);
        return new Message(topic, payload, Qos.EXACTLY_ONCE, true, properties, "publisher-ü",
                1_763_000_000_123L, 1_763_000_060_123L);
    }

    /** A message with nothing optional: empty payload, no properties, no publisher, no expiry. */
    public static Message minimalMessage(String topic) {
        return new Message(topic, new byte[0], Qos.AT_MOST_ONCE, false, MessageProperties.NONE, null, 0,
                Message.NEVER_EXPIRES);
    }

    /** An ordinary QoS 1 message with the given payload text. */
    public static Message message(String topic, String payload) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), Qos.AT_LEAST_ONCE, false,
                MessageProperties.NONE, "publisher", 1_000, Message.NEVER_EXPIRES);
    }

    /** A message whose payload is {@code size} bytes of a repeating pattern. */
    public static Message largeMessage(String topic, int size) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        List<UserProperty> userProperties = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            userProperties.add(new UserProperty("name-" + (i % 10), "value-" + i));
        }
        MessageProperties properties = new MessageProperties(0, "application/octet-stream", null,
                payload.clone(), userProperties);
        return new Message(topic, payload, Qos.AT_LEAST_ONCE, false, properties, "p".repeat(10_000), -1,
                Long.MIN_VALUE + 1);
    }

    /** A queued message with subscription identifiers, including the largest MQTT allows. */
    public static QueuedMessage queued(long messageId) {
        return new QueuedMessage(messageId, Qos.AT_LEAST_ONCE, false, new int[] {1, 268_435_455, 42});
    }

    /** A queued message with no subscription identifier. */
    public static QueuedMessage plainQueued(long messageId, Qos qos, boolean retain) {
        return new QueuedMessage(messageId, qos, retain, new int[0]);
    }

    /** One subscription of each kind of option, shared and not. */
    public static List<Subscription> everyKindOfSubscription() {
        return List.of(
                Subscription.basic(TopicFilter.parse("devices/+/telemetry"), Qos.AT_MOST_ONCE),
                new Subscription(TopicFilter.parse("$share/group-1/alerts/#"), Qos.AT_LEAST_ONCE, false, false,
                        RetainHandling.SEND_IF_NEW, 7),
                new Subscription(TopicFilter.parse("a/b"), Qos.EXACTLY_ONCE, true, true,
                        RetainHandling.DO_NOT_SEND, 268_435_455),
                new Subscription(TopicFilter.parse("#"), Qos.AT_LEAST_ONCE, true, false,
                        RetainHandling.SEND_ALWAYS, 1),
                new Subscription(TopicFilter.parse("温度/+/ü"), Qos.EXACTLY_ONCE, false, true,
                        RetainHandling.SEND_IF_NEW, 0));
    }

    /** A session with every field set: subscriptions of each kind and a delayed will with properties. */
    public static StoredSession fullSession(String clientId) {
        return new StoredSession(clientId, 0xFFFF_FFFFL, 1_763_000_000_000L, everyKindOfSubscription(),
                new Will(fullMessage("wills/" + clientId.length()), 300));
    }

    /** A connected session without subscriptions or will. */
    public static StoredSession bareSession(String clientId) {
        return new StoredSession(clientId, 60, -1, List.of(), null);
    }

    /**
     * Asserts that {@code actual} holds exactly what {@code expected} does, field by field, comparing
     * arrays (payloads, correlation data, subscription ids) by content and lists in order.
     */
    public static void assertSameContent(Object actual, Object expected) {
        assertThat(actual).usingRecursiveComparison()
                .withEqualsForType(Arrays::equals, byte[].class) // element by element is slow for megabytes
                .withEqualsForType(Arrays::equals, int[].class)
                .isEqualTo(expected);
    }
}
