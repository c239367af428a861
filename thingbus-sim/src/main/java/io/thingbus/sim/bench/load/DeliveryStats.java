package io.thingbus.sim.bench.load;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the consumers saw. Throughput counts deliveries that arrived inside the measurement window;
 * latency (receipt minus intended send time) is recorded for messages stamped inside it, however
 * late they arrive, so slow messages at the end of the window are not left out. Thread-safe:
 * called from every event loop.
 */
public final class DeliveryStats {

    private final LongAdder delivered = new LongAdder();
    private final LongAdder arrivedInWindow = new LongAdder();
    private final LongAdder stampedInWindow = new LongAdder();
    private final LongAdder unstamped = new LongAdder();
    private final LatencyRecorder latency = new LatencyRecorder();
    private volatile MeasurementWindow window;

    /** From now on, measure against {@code window}. */
    public void measure(MeasurementWindow window) {
        this.window = window;
    }

    /** A payload arrived now; returns the latency recorded for it, or -1 if it carried no stamp. */
    public long onDelivery(ByteBuf payload) {
        if (!LatencyPayload.isStamped(payload)) {
            unstamped.increment();
            return -1;
        }
        return onDelivery(LatencyPayload.intendedNanos(payload), System.nanoTime());
    }

    /** A message stamped {@code intendedNanos} arrived at {@code receivedNanos}; returns its latency. */
    public long onDelivery(long intendedNanos, long receivedNanos) {
        delivered.increment();
        long latencyNanos = receivedNanos - intendedNanos;
        MeasurementWindow current = window;
        if (current != null) {
            if (current.contains(receivedNanos)) {
                arrivedInWindow.increment();
            }
            if (current.contains(intendedNanos)) {
                stampedInWindow.increment();
                latency.record(latencyNanos);
            }
        }
        return latencyNanos;
    }

    /** Whether a message stamped {@code intendedNanos} is measured (stamped inside the window). */
    public boolean isMeasured(long intendedNanos) {
        MeasurementWindow current = window;
        return current != null && current.contains(intendedNanos);
    }

    /** All deliveries so far, measured or not. */
    public long delivered() {
        return delivered.sum();
    }

    /** Deliveries that arrived inside the window: the throughput figure. */
    public long arrivedInWindow() {
        return arrivedInWindow.sum();
    }

    /** Deliveries of messages stamped inside the window: compared with what was sent in it. */
    public long stampedInWindow() {
        return stampedInWindow.sum();
    }

    /** Payloads too short to carry a stamp (not from this bench). */
    public long unstamped() {
        return unstamped.sum();
    }

    /** Latencies of messages stamped inside the window. */
    public LatencyRecorder latency() {
        return latency;
    }
}
