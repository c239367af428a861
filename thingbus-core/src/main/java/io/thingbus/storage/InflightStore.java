package io.thingbus.storage;

import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The QoS 1/2 exchanges of persistent sessions that are under way in both directions: messages sent
 * to the client and not completed, and packet ids of QoS 2 messages received from it and not yet
 * released (so a resent PUBLISH after a restart is not delivered twice).
 */
public interface InflightStore {

    /** Records (or replaces) an outbound exchange. */
    void putOutbound(String clientId, InflightMessage message);

    void removeOutbound(String clientId, int packetId);

    /** Records an inbound QoS 2 packet id awaiting PUBREL. */
    void putInbound(String clientId, int packetId);

    void removeInbound(String clientId, int packetId);

    /** Removes every exchange of a session. */
    void removeAll(String clientId);

    /** For start-up: a session's outbound exchanges in packet-id order. */
    void forEachOutbound(String clientId, Consumer<InflightMessage> consumer);

    /** For start-up: a session's inbound QoS 2 packet ids. */
    void forEachInbound(String clientId, IntConsumer consumer);
}
