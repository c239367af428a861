package io.thingbus.storage;

/**
 * Per-session FIFO queues on disk, addressed by a sequence number the session assigns (tail grows by
 * one per append). A session with a million queued messages costs the heap two numbers.
 */
public interface QueueStore {

    void append(String clientId, long seq, QueuedMessage message);

    /** The entry at {@code seq}, or null. */
    QueuedMessage get(String clientId, long seq);

    void remove(String clientId, long seq);

    /** Removes the whole queue of a session. */
    void removeAll(String clientId);

    /** For start-up: each non-empty queue's lowest and highest sequence and entry count. */
    void forEachQueue(QueueVisitor visitor);

    /** For start-up: every entry of one queue in sequence order. */
    void forEachEntry(String clientId, EntryVisitor visitor);

    /** Receives the bounds of one queue. */
    @FunctionalInterface
    interface QueueVisitor {
        void visit(String clientId, long firstSeq, long lastSeq, long count);
    }

    /** Receives one queue entry. */
    @FunctionalInterface
    interface EntryVisitor {
        void visit(long seq, QueuedMessage message);
    }
}
