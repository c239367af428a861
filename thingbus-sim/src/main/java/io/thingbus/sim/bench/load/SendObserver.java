package io.thingbus.sim.bench.load;

/** Hears about each message a {@link FixedRatePublisher} sends. Called on the publisher's event loop. */
public interface SendObserver {

    /** Message {@code sequence} is about to be written (it may be retried if the connection is full). */
    default void beforeSend(long sequence) {
    }

    /** Message stamped {@code intendedNanos} was written. */
    void sent(long intendedNanos);

    /** The broker completed one of the publisher's QoS 1/2 messages (PUBACK, or PUBCOMP for QoS 2). */
    default void acknowledged() {
    }
}
