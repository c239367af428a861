package io.thingbus.sim.bench.client;

/**
 * The packet ids of our own QoS 1 and QoS 2 publishes that the broker has not yet acknowledged,
 * bounded by a capacity: the in-flight window. Ids run from 1 to the capacity and are reused as
 * soon as their flow completes (PUBACK, or PUBREC then PUBCOMP), which MQTT allows.
 *
 * <p>Not thread-safe: owned by the connection's event loop.
 */
public final class PacketIdWindow {

    /** Returned by {@link #acquire} when the window is full. */
    public static final int NO_ID = 0;

    /** The largest capacity: one id stays reserved for SUBSCRIBE. */
    public static final int MAX_CAPACITY = 65_534;

    private static final byte FREE = 0;
    private static final byte AWAITING_ACK = 1;
    private static final byte AWAITING_COMPLETE = 2;

    private final byte[] states;
    private final int[] freeIds;
    private int freeCount;

    public PacketIdWindow(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("in-flight window must be between 1 and " + MAX_CAPACITY);
        }
        states = new byte[capacity];
        freeIds = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freeIds[i] = capacity - i; // hand out 1 first
        }
        freeCount = capacity;
    }

    /** A free id now awaiting PUBACK or PUBREC, or {@link #NO_ID} when the window is full. */
    public int acquire() {
        if (freeCount == 0) {
            return NO_ID;
        }
        int id = freeIds[--freeCount];
        states[id - 1] = AWAITING_ACK;
        return id;
    }

    /** PUBACK for a QoS 1 publish: frees the id. Returns false for an id not awaiting an ack. */
    public boolean acknowledged(int id) {
        return move(id, AWAITING_ACK, FREE);
    }

    /** PUBREC for a QoS 2 publish: the id now awaits PUBCOMP. Returns false if it was not awaiting PUBREC. */
    public boolean received(int id) {
        return move(id, AWAITING_ACK, AWAITING_COMPLETE);
    }

    /** PUBCOMP for a QoS 2 publish: frees the id. Returns false for an id not awaiting PUBCOMP. */
    public boolean completed(int id) {
        return move(id, AWAITING_COMPLETE, FREE);
    }

    /** Ids in flight. */
    public int inFlight() {
        return states.length - freeCount;
    }

    /** Whether no id is free. */
    public boolean isFull() {
        return freeCount == 0;
    }

    private boolean move(int id, byte from, byte to) {
        if (id < 1 || id > states.length || states[id - 1] != from) {
            return false;
        }
        states[id - 1] = to;
        if (to == FREE) {
            freeIds[freeCount++] = id;
        }
        return true;
    }
}
