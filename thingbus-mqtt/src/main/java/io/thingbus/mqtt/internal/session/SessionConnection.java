package io.thingbus.mqtt.internal.session;

import io.thingbus.mqtt.internal.codec.DeliveryBatch;
import java.util.concurrent.CompletableFuture;
import io.thingbus.messaging.Will;
import io.thingbus.mqtt.internal.connection.ClientLimits;

/**
 * What a session needs of the network connection it is attached to. Implemented by the connection;
 * every method is safe to call from any thread while holding the session's lock.
 */
public interface SessionConnection {

    /** What the client accepts: receive maximum, packet size, topic aliases. */
    ClientLimits limits();

    /** False while the socket's outbound buffer is above its high-water mark. */
    boolean isWritable();

    /**
     * Encodes the PUBLISH and queues it for the socket. Returns false, sending nothing, when the
     * packet would exceed the client's maximum packet size (the spec says: discard it). With a
     * batch (a fan-out in progress), the socket write is scheduled when the batch is submitted.
     * With {@code durable}, the packet is written only once that future completes (null: at once).
     */
    boolean sendPublish(OutboundPublish publish, int packetId, boolean duplicate, DeliveryBatch batch,
                        CompletableFuture<Void> durable);

    /** Queues a PUBREL for a QoS 2 message the client has PUBREC'd, written once {@code durable} completes (null: at once). */
    void sendPubRel(int packetId, CompletableFuture<Void> durable);

    /** Takes this connection's will away (at most once); null when none is left. */
    Will takeWill();

    /** This connection's will, still in place, or null. */
    Will will();
}
