package io.thingbus.sim.bench.client;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends every connection's PINGREQ from one shared timer instead of a scheduled task per
 * connection. Connections are dealt round robin into one slot per second of the ping period; each
 * one-second tick pings one slot, so every connection is pinged once per period and the pings of a
 * million connections spread evenly over it.
 *
 * <p>The ping period is three quarters of the keep-alive, leaving the broker's grace (1.5 times
 * the keep-alive) for scheduling jitter. Busy connections are pinged too: a PINGREQ costs less than
 * tracking when each connection last wrote.
 */
public final class KeepAliveScheduler implements AutoCloseable {

    /** A connection the scheduler can ping. */
    @FunctionalInterface
    public interface Pingable {
        /** Sends one PINGREQ; called on the scheduler's thread. */
        void sendPing();
    }

    private final List<Set<Pingable>> slots;
    private final AtomicInteger nextSlot = new AtomicInteger();
    private final ScheduledFuture<?> ticker;
    private int tick;

    private KeepAliveScheduler(int slotCount, EventExecutor timer) {
        List<Set<Pingable>> created = new ArrayList<>(slotCount);
        for (int i = 0; i < slotCount; i++) {
            created.add(ConcurrentHashMap.newKeySet());
        }
        this.slots = List.copyOf(created);
        this.ticker = timer == null ? null : timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Pings connections of keep-alive {@code keepAliveSeconds} (above 0) from {@code timer}, once a second. */
    public static KeepAliveScheduler start(int keepAliveSeconds, EventExecutor timer) {
        return new KeepAliveScheduler(slotsFor(keepAliveSeconds), timer);
    }

    /** A scheduler driven only by explicit {@link #tick()} calls. */
    static KeepAliveScheduler manual(int keepAliveSeconds) {
        return new KeepAliveScheduler(slotsFor(keepAliveSeconds), null);
    }

    /** One slot per second of the ping period (three quarters of the keep-alive, at least one). */
    static int slotsFor(int keepAliveSeconds) {
        if (keepAliveSeconds <= 0) {
            throw new IllegalArgumentException("keep-alive must be positive to schedule pings");
        }
        return Math.max(1, keepAliveSeconds * 3 / 4);
    }

    /** Starts pinging {@code connection}; returns the slot to hand back to {@link #unregister}. */
    public int register(Pingable connection) {
        int slot = Math.floorMod(nextSlot.getAndIncrement(), slots.size());
        slots.get(slot).add(connection);
        return slot;
    }

    /** Stops pinging {@code connection}. */
    public void unregister(Pingable connection, int slot) {
        slots.get(slot).remove(connection);
    }

    /** Pings the connections of the next slot. */
    void tick() {
        Set<Pingable> due = slots.get(tick);
        tick = (tick + 1) % slots.size();
        for (Pingable connection : due) {
            connection.sendPing();
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }
}
