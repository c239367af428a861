package io.thingbus.mqtt.internal.session;

import io.thingbus.messaging.Message;
import io.thingbus.storage.InflightMessage;
import io.thingbus.storage.QueuedMessage;
import io.thingbus.storage.StoredSession;
import io.thingbus.storage.Stores;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage of a session that outlives its connection: the queue lives in the {@link Stores}' queue
 * store (the heap holds only its head and tail sequence), each queued or inflight entry refers to a
 * message body stored once for all sessions, and every change goes through the journal.
 */
final class PersistentSessionStorage implements SessionStorage {

    private static final Logger log = LoggerFactory.getLogger(PersistentSessionStorage.class);

    private final String clientId;
    private final Stores stores;
    private final MessageReferences references;
    private final long maxQueuedMessages;
    private final long maxQueuedBytes;
    /**
     * Payload bytes queued since this storage was created; a queue restored at start-up counts from
     * zero (its bodies are on disk and not read to weigh them), so until that backlog drains the byte
     * limit is looser than configured. The message limit always holds.
     */
    private long queuedBytes;
    /** Sequence of the oldest queued entry; equals {@link #tail} when the queue is empty. */
    private long head;
    /** Sequence the next appended entry gets. */
    private long tail;

    PersistentSessionStorage(String clientId, Stores stores, MessageReferences references, long maxQueuedMessages,
                             long maxQueuedBytes, long head, long tail) {
        this.clientId = clientId;
        this.stores = stores;
        this.references = references;
        this.maxQueuedMessages = maxQueuedMessages;
        this.maxQueuedBytes = maxQueuedBytes;
        this.head = head;
        this.tail = tail;
    }

    @Override
    public boolean isPersistent() {
        return true;
    }

    @Override
    public CompletableFuture<Void> durability() {
        return stores.journal().barrier();
    }

    @Override
    public void atomically(Runnable changes) {
        stores.journal().atomically(changes);
    }

    @Override
    public boolean offer(OutboundPublish publish) {
        int bytes = publish.message().payload().length;
        if (tail - head >= maxQueuedMessages || queuedBytes + bytes > maxQueuedBytes) {
            return false;
        }
        queuedBytes += bytes;
        long messageId = publish.stored().idIn(stores.messages(), references, publish.message());
        references.retain(messageId);
        stores.queues().append(clientId, tail++, publish.toQueued(messageId));
        return true;
    }

    @Override
    public OutboundPublish poll() {
        while (head < tail) {
            long seq = head++;
            QueuedMessage queued = stores.queues().get(clientId, seq);
            stores.queues().remove(clientId, seq);
            if (queued == null) {
                continue;
            }
            Message message = stores.messages().get(queued.messageId());
            if (message == null) {
                log.warn("[client={}] queued message {} has no stored body; skipped", clientId, queued.messageId());
                continue;
            }
            queuedBytes = Math.max(0, queuedBytes - message.payload().length);
            return new OutboundPublish(message, queued.qos(), queued.retain(), queued.subscriptionIds(),
                    StoredMessageRef.of(queued.messageId()));
        }
        return null;
    }

    @Override
    public long queued() {
        return tail - head;
    }

    @Override
    public void sent(int packetId, OutboundPublish publish, boolean fromQueue) {
        long messageId = publish.stored().idIn(stores.messages(), references, publish.message());
        if (!fromQueue) {
            references.retain(messageId);
        }
        stores.inflight().putOutbound(clientId, new InflightMessage(packetId, publish.toQueued(messageId), false));
    }

    @Override
    public void released(int packetId, OutboundPublish publish) {
        long messageId = publish.stored().idIn(stores.messages(), references, publish.message());
        stores.inflight().putOutbound(clientId, new InflightMessage(packetId, publish.toQueued(messageId), true));
    }

    @Override
    public void completed(int packetId, OutboundPublish publish) {
        stores.inflight().removeOutbound(clientId, packetId);
        references.release(publish.stored().idIn(stores.messages(), references, publish.message()));
    }

    @Override
    public void discarded(OutboundPublish publish) {
        references.release(publish.stored().idIn(stores.messages(), references, publish.message()));
    }

    @Override
    public void inboundStarted(int packetId) {
        stores.inflight().putInbound(clientId, packetId);
    }

    @Override
    public void inboundReleased(int packetId) {
        stores.inflight().removeInbound(clientId, packetId);
    }

    @Override
    public void save(StoredSession record) {
        stores.sessions().put(record);
    }

    @Override
    public void delete(Collection<OutboundPublish> inflight) {
        for (OutboundPublish publish : inflight) {
            references.release(publish.stored().idIn(stores.messages(), references, publish.message()));
        }
        stores.queues().forEachEntry(clientId, (seq, queued) -> references.release(queued.messageId()));
        stores.queues().removeAll(clientId);
        stores.inflight().removeAll(clientId);
        stores.sessions().remove(clientId);
        head = tail;
        queuedBytes = 0;
    }
}
