package io.thingbus.sim.bench.load;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fan-out bookkeeping: counts the deliveries of each message so that the one completing the set
 * (the last of N subscribers to get it) can be recognised and its latency taken as the message's
 * time to last delivery. A ring of recent sequence numbers; a delivery of a message that has
 * dropped out of the ring (more than {@code capacity} messages ago) is not tracked.
 */
public final class DeliveryCompletionTracker {

    private final int expectedDeliveries;
    private final int mask;
    private final AtomicLongArray sequences;
    private final AtomicIntegerArray deliveries;

    /**
     * @param capacity messages tracked at once, rounded up to a power of two
     * @param expectedDeliveries deliveries that complete one message (the subscriber count)
     */
    public DeliveryCompletionTracker(int capacity, int expectedDeliveries) {
        if (capacity < 1 || capacity > 1 << 24 || expectedDeliveries < 1) {
            throw new IllegalArgumentException("capacity must be in [1, 2^24] and deliveries at least 1");
        }
        int size = Integer.highestOneBit(capacity - 1 == 0 ? 1 : capacity - 1) << 1;
        this.mask = size - 1;
        this.expectedDeliveries = expectedDeliveries;
        this.sequences = new AtomicLongArray(size);
        this.deliveries = new AtomicIntegerArray(size);
        for (int i = 0; i < size; i++) {
            sequences.set(i, -1);
        }
    }

    /** Message {@code sequence} is about to be sent: start counting its deliveries. Publisher thread. */
    public void expect(long sequence) {
        int slot = (int) (sequence & mask);
        sequences.set(slot, -1);
        deliveries.set(slot, 0);
        sequences.set(slot, sequence);
    }

    /**
     * One subscriber received {@code sequence}. True exactly once per message: for the delivery
     * that completes it. Any thread.
     */
    public boolean delivered(long sequence) {
        int slot = (int) (sequence & mask);
        if (sequences.get(slot) != sequence) {
            return false;
        }
        return deliveries.incrementAndGet(slot) == expectedDeliveries;
    }
}
