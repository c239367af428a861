package io.thingbus.telemetry;

/**
 * A place in the telemetry log: a partition and an offset in it. Written {@code partition:offset}
 * (for example {@code 3:1042}), the form SSE's {@code Last-Event-ID} and the API use.
 *
 * @param partition the partition, 0 to {@value #MAX_PARTITION}
 * @param offset    the offset in the partition, not negative
 */
public record TelemetryPosition(int partition, long offset) implements Comparable<TelemetryPosition> {

    /** The highest partition number: partitions are two bytes in the stored keys. */
    public static final int MAX_PARTITION = 0xFFFF;

    public TelemetryPosition {
        requireValidPartition(partition);
        if (offset < 0) {
            throw new IllegalArgumentException("an offset must not be negative, was " + offset);
        }
    }

    /**
     * Parses {@code partition:offset}.
     *
     * @throws IllegalArgumentException saying what a position looks like
     */
    public static TelemetryPosition parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("a position is partition:offset (for example 3:1042), was '" + text + "'");
        }
        try {
            return new TelemetryPosition(Integer.parseInt(text, 0, colon, 10), Long.parseLong(text, colon + 1, text.length(), 10));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a position is partition:offset (for example 3:1042), was '" + text + "'");
        }
    }

    /** @throws IllegalArgumentException unless {@code partition} is 0 to {@value #MAX_PARTITION} */
    public static int requireValidPartition(int partition) {
        if (partition < 0 || partition > MAX_PARTITION) {
            throw new IllegalArgumentException("a partition is 0 to " + MAX_PARTITION + ", was " + partition);
        }
        return partition;
    }

    /** Partition first, then offset. */
    @Override
    public int compareTo(TelemetryPosition other) {
        int byPartition = Integer.compare(partition, other.partition);
        return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
    }

    /** {@code partition:offset}, which {@link #parse} reads back. */
    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}
