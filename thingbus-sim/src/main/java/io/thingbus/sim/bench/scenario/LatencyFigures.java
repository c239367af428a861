package io.thingbus.sim.bench.scenario;

import io.thingbus.sim.bench.report.Figure;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Turns a latency histogram (nanoseconds) into the standard percentile figures in milliseconds. */
final class LatencyFigures {

    private static final double NANOS_PER_MILLI = 1e6;

    private LatencyFigures() {
    }

    /** p50, p90, p99, p99.9 and max, named {@code prefix + "p50"} and so on; none for an empty histogram. */
    static List<Figure> of(String prefix, Histogram nanos) {
        if (nanos.getTotalCount() == 0) {
            return List.of();
        }
        return List.of(
                millis(prefix + "p50", nanos.getValueAtPercentile(50)),
                millis(prefix + "p90", nanos.getValueAtPercentile(90)),
                millis(prefix + "p99", nanos.getValueAtPercentile(99)),
                millis(prefix + "p99.9", nanos.getValueAtPercentile(99.9)),
                millis(prefix + "max", nanos.getMaxValue()));
    }

    /** The 99th percentile in milliseconds, for progress lines; 0 when empty. */
    static double p99Millis(Histogram nanos) {
        return nanos.getTotalCount() == 0 ? 0 : nanos.getValueAtPercentile(99) / NANOS_PER_MILLI;
    }

    private static Figure millis(String name, long nanos) {
        return new Figure(name, nanos / NANOS_PER_MILLI, "ms", Figure.Better.LOWER);
    }
}
