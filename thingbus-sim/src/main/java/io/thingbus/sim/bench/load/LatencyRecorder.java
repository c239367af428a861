package io.thingbus.sim.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies in nanoseconds: recorded wait-free from any thread, collected by the control thread
 * into a running total (and a per-interval view for progress lines).
 */
public final class LatencyRecorder {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    private Histogram interval;

    /** Records one latency; negative values (clock noise) count as zero. Any thread. */
    public void record(long nanos) {
        recorder.recordValue(Math.max(0, nanos));
    }

    /**
     * Moves what was recorded since the last call into the total and returns it: valid until the
     * next call. Control thread only.
     */
    public Histogram collectInterval() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return interval;
    }

    /** Everything recorded so far, as a copy. Control thread only. */
    public Histogram total() {
        collectInterval();
        return total.copy();
    }
}
