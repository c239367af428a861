package io.thingbus.http.internal.telemetry;

import io.thingbus.telemetry.TelemetryLog;
import java.util.BitSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells the open telemetry streams that records became durable in a partition they read. The log takes
 * listeners for good, so this is the one listener of the HTTP port, and streams come and go here. The
 * wake-ups it calls must return at once (they run on the store's writer thread).
 */
final class DurableSignals {

    /** A stream's interest: its partitions and its wake-up. */
    record Subscription(BitSet partitions, Runnable wake) {
    }

    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    DurableSignals(TelemetryLog log) {
        log.addListener(this::durable);
    }

    Subscription subscribe(BitSet partitions, Runnable wake) {
        Subscription subscription = new Subscription((BitSet) partitions.clone(), wake);
        subscriptions.add(subscription);
        return subscription;
    }

    void unsubscribe(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    private void durable(int partition, long endOffset) {
        for (Subscription subscription : subscriptions) {
            if (subscription.partitions().get(partition)) {
                subscription.wake().run();
            }
        }
    }
}
