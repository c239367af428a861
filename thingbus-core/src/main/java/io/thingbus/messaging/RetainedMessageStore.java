package io.thingbus.messaging;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The retained message of each topic. Implementations are safe for concurrent use.
 *
 * <p>A subscribe with a wildcard filter must not scan every retained topic: the cost of
 * {@link #forEachMatching} depends on the number of matching topics, not on the store size.
 */
public interface RetainedMessageStore {

    /** Sets or replaces the retained message of {@code message.topic()}. */
    void put(Message message);

    /** Clears the retained message of {@code topic}; true when there was one. */
    boolean remove(String topic);

    /** The retained message of exactly this topic name. */
    Optional<Message> get(String topic);

    /**
     * Hands every retained message whose topic matches the (valid, non-shared) filter to the consumer.
     * Wildcards in the first level do not match topics that begin with {@code $}.
     */
    void forEachMatching(String topicFilter, Consumer<Message> consumer);

    /** Hands every retained message, {@code $} topics included, to the consumer (for housekeeping such as expiry). */
    void forEach(Consumer<Message> consumer);

    /** How many topics hold a retained message. */
    long size();
}
