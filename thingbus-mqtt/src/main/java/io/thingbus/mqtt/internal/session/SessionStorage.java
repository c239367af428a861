package io.thingbus.mqtt.internal.session;

import io.thingbus.storage.StoredSession;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Where a session keeps what outlives a connection: its queue, and for persistent sessions a
 * durable record of its inflight exchanges and its own metadata. Called under the session's lock.
 */
interface SessionStorage {

    /** True when the state survives a restart of the hub. */
    boolean isPersistent();

    /**
     * What a packet whose state was just recorded must wait for before it may reach the client:
     * the journal barrier for persistent sessions, null (nothing) for the others.
     */
    CompletableFuture<Void> durability();

    /** Runs {@code changes} so that what they store reaches the disk together or not at all. */
    void atomically(Runnable changes);

    /** Queues a message; false when the queue is at its limit (the message is not queued). */
    boolean offer(OutboundPublish publish);

    /** Takes the oldest queued message, or null when the queue is empty. */
    OutboundPublish poll();

    /** Queued messages. */
    long queued();

    /**
     * A QoS 1/2 message went out under {@code packetId}, straight from a delivery or (with
     * {@code fromQueue}) out of this session's queue, whose entry already referred to the message.
     */
    void sent(int packetId, OutboundPublish publish, boolean fromQueue);

    /** The client PUBREC'd a QoS 2 message; only PUBCOMP is awaited now. */
    void released(int packetId, OutboundPublish publish);

    /** The exchange under {@code packetId} is over (PUBACK, PUBCOMP, error, or discarded). */
    void completed(int packetId, OutboundPublish publish);

    /** A queued message was dropped without being sent (it expired). */
    void discarded(OutboundPublish publish);

    /** An incoming QoS 2 packet id awaits PUBREL. */
    void inboundStarted(int packetId);

    /** An incoming QoS 2 packet id was released. */
    void inboundReleased(int packetId);

    /** Writes the session's record (subscriptions, expiry, will). */
    void save(StoredSession record);

    /** The session ended: removes everything it stored, releasing the inflight messages given. */
    void delete(Collection<OutboundPublish> inflight);
}
