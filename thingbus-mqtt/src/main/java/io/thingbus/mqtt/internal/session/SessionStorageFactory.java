package io.thingbus.mqtt.internal.session;

import io.thingbus.storage.Stores;

/**
 * Chooses where a new session keeps its state: sessions with an expiry interval outlive their
 * connection and are stored durably; the others live on the heap and cost the disk nothing.
 */
public final class SessionStorageFactory {

    private final Stores stores;
    private final MessageReferences references;
    private final int maxQueuedMessages;
    private final long maxQueuedBytes;

    /**
     * @param stores            where persistent sessions are stored, or null to keep every session on the heap
     * @param references        reference counts of stored message bodies (null with null stores)
     * @param maxQueuedMessages queue limit per session, in messages
     * @param maxQueuedBytes    queue limit per session, in payload bytes
     */
    public SessionStorageFactory(Stores stores, MessageReferences references, int maxQueuedMessages, long maxQueuedBytes) {
        this.stores = stores;
        this.references = references;
        this.maxQueuedMessages = maxQueuedMessages;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** Every session on the heap: for tests of session logic that do not involve storage. */
    public static SessionStorageFactory onHeap(int maxQueuedMessages) {
        return new SessionStorageFactory(null, null, maxQueuedMessages, Long.MAX_VALUE);
    }

    SessionStorage forNewSession(String clientId, long expiryIntervalSeconds) {
        if (stores == null || expiryIntervalSeconds == 0) {
            return new VolatileSessionStorage(maxQueuedMessages, maxQueuedBytes);
        }
        return new PersistentSessionStorage(clientId, stores, references, maxQueuedMessages, maxQueuedBytes, 0, 0);
    }

    SessionStorage forRestoredSession(String clientId, long head, long tail) {
        return new PersistentSessionStorage(clientId, stores, references, maxQueuedMessages, maxQueuedBytes, head, tail);
    }
}
