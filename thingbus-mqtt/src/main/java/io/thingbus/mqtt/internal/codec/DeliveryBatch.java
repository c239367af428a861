package io.thingbus.mqtt.internal.codec;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outboxes one fan-out filled, grouped by event loop, so that a message to ten thousand
 * subscribers wakes each event loop once instead of once per subscriber. Used by one thread for one
 * routing operation, then {@link #submit() submitted}.
 */
public final class DeliveryBatch {

    private final Map<EventLoop, List<Outbox>> byLoop = new IdentityHashMap<>(8);

    void add(EventLoop loop, Outbox outbox) {
        byLoop.computeIfAbsent(loop, l -> new ArrayList<>()).add(outbox);
    }

    /** Hands every collected outbox to its event loop, one task per loop. */
    public void submit() {
        byLoop.forEach((loop, outboxes) -> loop.execute(() -> {
            for (Outbox outbox : outboxes) {
                outbox.run();
            }
        }));
        byLoop.clear();
    }
}
