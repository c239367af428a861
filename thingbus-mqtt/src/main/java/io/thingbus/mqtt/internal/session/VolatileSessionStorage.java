package io.thingbus.mqtt.internal.session;

import io.thingbus.storage.StoredSession;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/** Storage of a session that ends with its connection (session expiry 0): a bounded queue on the heap, nothing on disk. */
final class VolatileSessionStorage implements SessionStorage {

    private final ArrayDeque<OutboundPublish> queue = new ArrayDeque<>(4);
    private final int maxQueuedMessages;

    VolatileSessionStorage(int maxQueuedMessages) {
        this.maxQueuedMessages = maxQueuedMessages;
    }

    @Override
    public boolean isPersistent() {
        return false;
    }

    @Override
    public CompletableFuture<Void> durability() {
        return null;
    }

    @Override
    public void atomically(Runnable changes) {
        changes.run();
    }

    @Override
    public boolean offer(OutboundPublish publish) {
        if (queue.size() >= maxQueuedMessages) {
            return false;
        }
        queue.add(publish);
        return true;
    }

    @Override
    public OutboundPublish poll() {
        return queue.poll();
    }

    @Override
    public long queued() {
        return queue.size();
    }

    @Override
    public void sent(int packetId, OutboundPublish publish, boolean fromQueue) {
    }

    @Override
    public void released(int packetId, OutboundPublish publish) {
    }

    @Override
    public void completed(int packetId, OutboundPublish publish) {
    }

    @Override
    public void discarded(OutboundPublish publish) {
    }

    @Override
    public void inboundStarted(int packetId) {
    }

    @Override
    public void inboundReleased(int packetId) {
    }

    @Override
    public void save(StoredSession record) {
    }

    @Override
    public void delete(Collection<OutboundPublish> inflight) {
        queue.clear();
    }
}
