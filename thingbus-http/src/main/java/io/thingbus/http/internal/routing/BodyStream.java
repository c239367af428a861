package io.thingbus.http.internal.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * A response body sent piece by piece after the head, for bodies too large to hold (exports) or without an
 * end (the live telemetry stream). The pipeline asks for the next piece only while the connection is
 * writable and only one at a time, so a slow client holds back the reading instead of filling the heap.
 *
 * <p>{@link #next()} runs on one of the HTTP server's stream workers (it may read the store), never two
 * at once; {@link #open} and {@link #close} run on the connection's event loop, and {@code close} may come
 * while a {@code next()} is still running (the connection closed meanwhile).
 */
public interface BodyStream {

    /**
     * Called once before the first {@link #next()}: {@code wake} may be called from any thread, any number
     * of times, to say that a stream which answered {@link Chunk#NOTHING_YET} may have more now.
     */
    default void open(Runnable wake) {
    }

    /** The next piece of the body. */
    Chunk next();

    /** Bytes written whenever this interval passes (a keep-alive for proxies and clients), or null for none. */
    default Duration heartbeatInterval() {
        return null;
    }

    /** What {@link #heartbeatInterval()} writes; never called when it is null. */
    default byte[] heartbeat() {
        throw new UnsupportedOperationException("this stream has no heartbeat");
    }

    /** Releases what the stream holds; called once, when the body ended or the connection closed. */
    default void close() {
    }

    /**
     * A piece of a body.
     *
     * @param bytes what to write now, possibly nothing
     * @param last  whether the body ends after these bytes
     */
    record Chunk(byte[] bytes, boolean last) {

        /** Nothing to write now, and more may come: the pipeline waits for a wake-up. */
        public static final Chunk NOTHING_YET = new Chunk(new byte[0], false);

        public Chunk {
            Objects.requireNonNull(bytes, "bytes");
        }

        public static Chunk of(byte[] bytes) {
            return new Chunk(bytes, false);
        }

        public static Chunk last(byte[] bytes) {
            return new Chunk(bytes, true);
        }
    }
}
