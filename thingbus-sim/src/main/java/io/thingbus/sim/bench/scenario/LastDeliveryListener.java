package io.thingbus.sim.bench.scenario;

import io.netty.buffer.ByteBuf;
import io.thingbus.sim.bench.client.InboundPublishListener;
import io.thingbus.sim.bench.load.DeliveryCompletionTracker;
import io.thingbus.sim.bench.load.DeliveryStats;
import io.thingbus.sim.bench.load.LatencyPayload;
import io.thingbus.sim.bench.load.LatencyRecorder;

/**
 * Fan-out subscribers' listener: records every delivery, and for each measured message the
 * latency of the delivery that completed it (the last of N subscribers to receive it).
 */
final class LastDeliveryListener implements InboundPublishListener {

    private final DeliveryStats deliveries;
    private final LatencyRecorder lastDelivery;
    private volatile DeliveryCompletionTracker tracker;

    LastDeliveryListener(DeliveryStats deliveries, LatencyRecorder lastDelivery) {
        this.deliveries = deliveries;
        this.lastDelivery = lastDelivery;
    }

    /** Starts tracking completions once the subscriber count is known, before publishing starts. */
    void track(DeliveryCompletionTracker completions) {
        this.tracker = completions;
    }

    @Override
    public void onPublish(ByteBuf payload) {
        long latency = deliveries.onDelivery(payload);
        DeliveryCompletionTracker completions = tracker;
        if (latency >= 0 && completions != null
                && completions.delivered(LatencyPayload.sequence(payload))
                && deliveries.isMeasured(LatencyPayload.intendedNanos(payload))) {
            lastDelivery.record(latency);
        }
    }
}
