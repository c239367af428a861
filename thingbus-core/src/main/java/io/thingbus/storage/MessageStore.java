package io.thingbus.storage;

import io.thingbus.messaging.Message;
import java.util.function.LongConsumer;

/**
 * Message bodies stored once however many sessions queue them: queues and inflight entries refer to
 * them by id. The broker counts references in memory (rebuilt at start-up) and removes a body when
 * the last reference goes.
 */
public interface MessageStore {

    /** Stores a message and returns its new id (ids grow, and are never reused). */
    long put(Message message);

    /** The message of an id, or null when there is none. */
    Message get(long id);

    void remove(long id);

    /** Every stored id, in ascending order (for start-up: finding bodies no queue refers to). */
    void forEachId(LongConsumer consumer);
}
