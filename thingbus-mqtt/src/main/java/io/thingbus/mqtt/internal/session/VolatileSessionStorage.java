package io.thingbus.mqtt.internal.session;

import io.thingbus.storage.StoredSession;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Storage of a session that ends with its connection (session expiry 0): a queue on the heap bounded
 * in messages and payload bytes, nothing on disk.
 */
final class VolatileSessionStorage implements SessionStorage {

    private final ArrayDeque<OutboundPublish> queue = new ArrayDeque<>(4);
    private final int maxQueuedMessages;
    private final long maxQueuedBytes;
    private long queuedBytes;

    VolatileSessionStorage(int maxQueuedMessages, long maxQueuedBytes) {
        this.maxQueuedMessages = maxQueuedMessages;
        this.maxQueuedBytes = maxQueuedBytes;
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
        int bytes = publish.message().payload().length;
        if (queue.size() >= maxQueuedMessages || queuedBytes + bytes > maxQueuedBytes) {
            return false;
        }
        queue.add(publish);
        queuedBytes += bytes;
        return true;
    }

    @Override
    public OutboundPublish poll() {
        OutboundPublish next = queue.poll();
        if (next != null) {
            queuedBytes -= next.message().payload().length;
        }
        return next;
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
        queuedBytes = 0;
    }
}
