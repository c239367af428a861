package io.thingbus.sim.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * The bench payload: the intended send time ({@link System#nanoTime()}, valid because publisher and
 * consumer share one JVM) and a per-publisher sequence number, both big-endian longs, then zero
 * padding up to the requested size.
 *
 * <pre>
 * offset 0  long  intended send time, nanoseconds
 * offset 8  long  sequence number
 * offset 16 ...   zeros
 * </pre>
 */
public final class LatencyPayload {

    /** The smallest payload that carries the stamp. */
    public static final int MIN_SIZE = 16;

    private LatencyPayload() {
    }

    /** Writes a stamped payload of {@code size} bytes at the writer index of {@code out}. */
    public static void write(ByteBuf out, long intendedNanos, long sequence, int size) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("payload size " + size + " is below " + MIN_SIZE);
        }
        out.writeLong(intendedNanos);
        out.writeLong(sequence);
        out.writeZero(size - MIN_SIZE);
    }

    /** Whether {@code payload} is long enough to carry a stamp. */
    public static boolean isStamped(ByteBuf payload) {
        return payload.readableBytes() >= MIN_SIZE;
    }

    /** The intended send time stamped into {@code payload}; does not move its reader index. */
    public static long intendedNanos(ByteBuf payload) {
        return payload.getLong(payload.readerIndex());
    }

    /** The sequence number stamped into {@code payload}; does not move its reader index. */
    public static long sequence(ByteBuf payload) {
        return payload.getLong(payload.readerIndex() + Long.BYTES);
    }
}
