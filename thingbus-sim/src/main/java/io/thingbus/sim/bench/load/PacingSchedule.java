package io.thingbus.sim.bench.load;

/**
 * When the n-th event of a fixed-rate stream is meant to happen (n counts from 0).
 *
 * <p>The schedule is open-loop: it never waits for the system under test. A sender that falls
 * behind still stamps each message with its intended time, so a stall shows up as latency
 * instead of silently lowering the rate (no coordinated omission).
 */
public record PacingSchedule(long startNanos, double ratePerSecond) {

    public PacingSchedule {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number, got " + ratePerSecond);
        }
    }

    /**
     * A schedule for stream {@code stream} of {@code streams} sharing one rate, shifted by a
     * fraction of the interval so that the streams do not all fire at the same instant.
     */
    public static PacingSchedule staggered(long originNanos, double ratePerSecond, int stream, int streams) {
        if (streams <= 0 || stream < 0 || stream >= streams) {
            throw new IllegalArgumentException("stream " + stream + " is not in [0, " + streams + ")");
        }
        long offset = (long) (1e9 / ratePerSecond * stream / streams);
        return new PacingSchedule(originNanos + offset, ratePerSecond);
    }

    /** The intended time of event {@code index}. */
    public long intendedNanos(long index) {
        return startNanos + (long) (index * nanosPerEvent());
    }

    /** How many events are due at {@code nowNanos}: those whose intended time is at or before it. */
    public long dueBy(long nowNanos) {
        return firstIndexAtOrAfter(nowNanos + 1);
    }

    /** How many events have their intended time inside {@code window}. */
    public long countWithin(MeasurementWindow window) {
        return firstIndexAtOrAfter(window.endNanos()) - firstIndexAtOrAfter(window.startNanos());
    }

    /** The first event whose intended time is at or after {@code nanos}. */
    public long firstIndexAtOrAfter(long nanos) {
        long sinceStart = nanos - startNanos;
        if (sinceStart <= 0) {
            return 0;
        }
        long index = (long) Math.ceil(sinceStart / nanosPerEvent());
        // Floating point rounding can put the estimate one step off either way; settle it exactly.
        while (index > 0 && intendedNanos(index - 1) - nanos >= 0) {
            index--;
        }
        while (intendedNanos(index) - nanos < 0) {
            index++;
        }
        return index;
    }

    private double nanosPerEvent() {
        return 1e9 / ratePerSecond;
    }
}
