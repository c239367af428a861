package io.thingbus.sim.bench.load;

import java.util.concurrent.atomic.LongAdder;

/** What the publishers sent, in total and with an intended time inside the measurement window. Thread-safe. */
public final class PublishStats {

    private final LongAdder sent = new LongAdder();
    private final LongAdder sentInWindow = new LongAdder();
    private volatile MeasurementWindow window;

    /** From now on, count messages stamped inside {@code window}. */
    public void measure(MeasurementWindow window) {
        this.window = window;
    }

    /** One message went out, stamped {@code intendedNanos}. Any thread. */
    public void sent(long intendedNanos) {
        sent.increment();
        MeasurementWindow current = window;
        if (current != null && current.contains(intendedNanos)) {
            sentInWindow.increment();
        }
    }

    public long sent() {
        return sent.sum();
    }

    public long sentInWindow() {
        return sentInWindow.sum();
    }
}
