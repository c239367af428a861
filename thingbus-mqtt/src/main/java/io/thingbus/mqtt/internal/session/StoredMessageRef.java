package io.thingbus.mqtt.internal.session;

import io.thingbus.messaging.Message;
import io.thingbus.storage.MessageStore;

/**
 * The stored id of one routed message, shared by all its deliveries so that a message queued for
 * many persistent sessions is written once. Ids are assigned on first need.
 *
 * <p>A ref shared by a fan-out also holds a reference of its own on the stored body from the
 * moment it is stored until {@link #releaseFanOutReference()}: otherwise the first session to
 * complete its delivery could drop the last reference, and remove the body, before later sessions
 * of the same fan-out had taken theirs.
 */
public final class StoredMessageRef {

    private final boolean fanOut;
    private volatile long id;
    private MessageReferences heldBy;

    private StoredMessageRef(boolean fanOut) {
        this.fanOut = fanOut;
    }

    /** A reference for a delivery to one session. */
    public StoredMessageRef() {
        this(false);
    }

    /** A reference shared by the deliveries of one fan-out; release it when the fan-out is done. */
    public static StoredMessageRef forFanOut() {
        return new StoredMessageRef(true);
    }

    /** A reference to a message already stored under {@code id} (loaded at start-up). */
    public static StoredMessageRef of(long id) {
        StoredMessageRef ref = new StoredMessageRef(false);
        ref.id = id;
        return ref;
    }

    /** The stored id, writing the message to the store the first time any session needs it. */
    long idIn(MessageStore store, MessageReferences references, Message message) {
        long known = id;
        if (known != 0) {
            return known;
        }
        synchronized (this) {
            if (id == 0) {
                long stored = store.put(message);
                if (fanOut) {
                    references.retain(stored);
                    heldBy = references;
                }
                id = stored;
            }
            return id;
        }
    }

    /** Drops the fan-out's own reference, if the message was stored during the fan-out. */
    public synchronized void releaseFanOutReference() {
        if (heldBy != null) {
            heldBy.release(id);
            heldBy = null;
        }
    }
}
