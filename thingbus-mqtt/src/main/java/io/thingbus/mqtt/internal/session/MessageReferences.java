package io.thingbus.mqtt.internal.session;

import io.thingbus.storage.MessageStore;

/**
 * How many queue and inflight entries of persistent sessions refer to each stored message body; the
 * body is removed when the last reference goes. Kept in memory (a primitive open-addressing table,
 * about 16 bytes a referenced message) and rebuilt from the queues at start-up.
 *
 * <p>Thread-safety: every method synchronizes on the table.
 */
public final class MessageReferences {

    private static final long EMPTY = 0;

    private final MessageStore messages;
    private long[] ids = new long[1024];
    private int[] counts = new int[1024];
    private int size;

    public MessageReferences(MessageStore messages) {
        this.messages = messages;
    }

    /** Counts one more reference to {@code id}. */
    public synchronized void retain(long id) {
        int slot = slotOf(id);
        if (ids[slot] == EMPTY) {
            ids[slot] = id;
            counts[slot] = 1;
            if (++size * 2 > ids.length) {
                grow();
            }
        } else {
            counts[slot]++;
        }
    }

    /** Drops one reference; the body is removed from the store with the last one. */
    public synchronized void release(long id) {
        int slot = slotOf(id);
        if (ids[slot] == EMPTY) {
            return;
        }
        if (--counts[slot] == 0) {
            removeSlot(slot);
            messages.remove(id);
        }
    }

    /** References counted for {@code id}, 0 when none. */
    public synchronized int count(long id) {
        int slot = slotOf(id);
        return ids[slot] == EMPTY ? 0 : counts[slot];
    }

    /** Referenced messages. */
    public synchronized int size() {
        return size;
    }

    private int slotOf(long id) {
        int mask = ids.length - 1;
        int slot = Long.hashCode(id * 0x9E3779B97F4A7C15L) & mask;
        while (ids[slot] != EMPTY && ids[slot] != id) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldIds = ids;
        int[] oldCounts = counts;
        ids = new long[oldIds.length * 2];
        counts = new int[oldIds.length * 2];
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != EMPTY) {
                int slot = slotOf(oldIds[i]);
                ids[slot] = oldIds[i];
                counts[slot] = oldCounts[i];
            }
        }
    }

    /** Backward-shift deletion keeps every remaining id reachable from its home slot. */
    private void removeSlot(int slot) {
        int mask = ids.length - 1;
        int hole = slot;
        int next = (hole + 1) & mask;
        while (ids[next] != EMPTY) {
            int home = Long.hashCode(ids[next] * 0x9E3779B97F4A7C15L) & mask;
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                ids[hole] = ids[next];
                counts[hole] = counts[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        ids[hole] = EMPTY;
        counts[hole] = 0;
        size--;
    }
}
