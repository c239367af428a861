package io.thingbus.sim.bench.load;

/**
 * The measured part of a run on the {@link System#nanoTime()} scale: {@code [startNanos, endNanos)}.
 * Comparisons use differences, so the window is correct wherever the nano clock's origin lies.
 */
public record MeasurementWindow(long startNanos, long endNanos) {

    public MeasurementWindow {
        if (endNanos - startNanos <= 0) {
            throw new IllegalArgumentException("a measurement window must end after it starts");
        }
    }

    /** Whether {@code nanos} falls inside the window. */
    public boolean contains(long nanos) {
        return nanos - startNanos >= 0 && nanos - endNanos < 0;
    }

    /** The window's length in seconds. */
    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
