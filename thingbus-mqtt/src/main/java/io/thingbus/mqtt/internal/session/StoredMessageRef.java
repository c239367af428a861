package io.thingbus.mqtt.internal.session;

import io.thingbus.messaging.Message;
import io.thingbus.storage.MessageStore;

/**
 * The stored id of one routed message, shared by all its deliveries so that a message queued for
 * many persistent sessions is written once. Ids are assigned on first need.
 */
public final class StoredMessageRef {

    private volatile long id;

    /** A reference to a message not stored yet. */
    public StoredMessageRef() {
    }

    /** A reference to a message already stored under {@code id} (loaded at start-up). */
    public static StoredMessageRef of(long id) {
        StoredMessageRef ref = new StoredMessageRef();
        ref.id = id;
        return ref;
    }

    /** The stored id, writing the message to the store the first time any session needs it. */
    long idIn(MessageStore store, Message message) {
        long known = id;
        if (known != 0) {
            return known;
        }
        synchronized (this) {
            if (id == 0) {
                id = store.put(message);
            }
            return id;
        }
    }
}
