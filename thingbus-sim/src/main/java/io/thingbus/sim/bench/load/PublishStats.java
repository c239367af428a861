package io.thingbus.sim.bench.load;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the publishers sent, in total and with an intended time inside the measurement window, and
 * the acknowledgements (PUBACK, PUBCOMP) the broker sent back inside the window. Thread-safe.
 */
public final class PublishStats {

    private final LongAdder sent = new LongAdder();
    private final LongAdder sentInWindow = new LongAdder();
    private final LongAdder acknowledgedInWindow = new LongAdder();
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

    /** The broker acknowledged one message now. Any thread. */
    public void acknowledged() {
        acknowledged(System.nanoTime());
    }

    /** The broker acknowledged one message at {@code receivedNanos}. */
    public void acknowledged(long receivedNanos) {
        MeasurementWindow current = window;
        if (current != null && current.contains(receivedNanos)) {
            acknowledgedInWindow.increment();
        }
    }

    public long sent() {
        return sent.sum();
    }

    public long sentInWindow() {
        return sentInWindow.sum();
    }

    /** Acknowledgements that arrived inside the window: the acknowledged rate. */
    public long acknowledgedInWindow() {
        return acknowledgedInWindow.sum();
    }
}
