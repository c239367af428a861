package io.thingbus.sim.bench.report;

/**
 * One measured number of a run.
 *
 * @param name a stable key, the same across brokers so results can be compared ("throughput", "p99")
 * @param unit what the value counts ("msg/s", "ms", "bytes")
 * @param better which direction is an improvement
 */
public record Figure(String name, double value, String unit, Better better) {

    /** Which way a figure improves. */
    public enum Better {
        HIGHER,
        LOWER,
        /** A count that describes the run rather than rates it. */
        NEITHER
    }

    public Figure {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("figure " + name + " must be a finite number");
        }
    }
}
