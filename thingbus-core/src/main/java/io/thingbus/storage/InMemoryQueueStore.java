package io.thingbus.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link QueueStore} on the heap. Thread-safe. */
public final class InMemoryQueueStore implements QueueStore {

    private final ConcurrentHashMap<String, ConcurrentSkipListMap<Long, QueuedMessage>> queues = new ConcurrentHashMap<>();

    @Override
    public void append(String clientId, long seq, QueuedMessage message) {
        queues.computeIfAbsent(clientId, id -> new ConcurrentSkipListMap<>()).put(seq, message);
    }

    @Override
    public QueuedMessage get(String clientId, long seq) {
        ConcurrentSkipListMap<Long, QueuedMessage> queue = queues.get(clientId);
        return queue == null ? null : queue.get(seq);
    }

    @Override
    public void remove(String clientId, long seq) {
        queues.computeIfPresent(clientId, (id, queue) -> {
            queue.remove(seq);
            return queue.isEmpty() ? null : queue;
        });
    }

    @Override
    public void removeAll(String clientId) {
        queues.remove(clientId);
    }

    @Override
    public void forEachQueue(QueueVisitor visitor) {
        queues.forEach((clientId, queue) -> {
            Map.Entry<Long, QueuedMessage> first = queue.firstEntry();
            Map.Entry<Long, QueuedMessage> last = queue.lastEntry();
            if (first != null && last != null) {
                visitor.visit(clientId, first.getKey(), last.getKey(), queue.size());
            }
        });
    }

    @Override
    public void forEachEntry(String clientId, EntryVisitor visitor) {
        ConcurrentSkipListMap<Long, QueuedMessage> queue = queues.get(clientId);
        if (queue != null) {
            queue.forEach(visitor::visit);
        }
    }
}
