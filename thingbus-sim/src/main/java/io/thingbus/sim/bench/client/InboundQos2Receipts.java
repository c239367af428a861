package io.thingbus.sim.bench.client;

import java.util.BitSet;

/**
 * Packet ids of QoS 2 publishes received from the broker and not yet released (PUBREL), so that a
 * redelivered duplicate is acknowledged again but counted only once.
 *
 * <p>Not thread-safe: owned by the connection's event loop. Created only by connections that
 * receive QoS 2, so idle connections carry none.
 */
final class InboundQos2Receipts {

    private final BitSet awaitingRelease = new BitSet();

    /** Records {@code packetId}; true if this is its first receipt, false for a duplicate. */
    boolean firstReceipt(int packetId) {
        if (awaitingRelease.get(packetId)) {
            return false;
        }
        awaitingRelease.set(packetId);
        return true;
    }

    /** PUBREL: the broker released {@code packetId}, which may now be reused for a new message. */
    void released(int packetId) {
        awaitingRelease.clear(packetId);
    }
}
