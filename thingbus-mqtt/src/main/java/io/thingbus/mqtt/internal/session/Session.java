package io.thingbus.mqtt.internal.session;

import io.netty.util.Timeout;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.Subscription;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state MQTT keeps for one client id across connections: subscriptions, QoS 1/2 messages in
 * flight in both directions, and the queue of messages waiting for the client's receive window or
 * for it to come back.
 *
 * <p>Thread-safety: every method synchronizes on the session. Deliveries arrive from the event
 * loops of publishers, acknowledgements from the client's own event loop; the session's lock makes
 * packet-id assignment, the inflight window and the queue one consistent sequence, and the
 * connection's outbox keeps the socket writes in that order.
 */
public final class Session {

    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final String clientId;
    private final int maxQueuedMessages;
    private final Clock clock;
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final InflightWindow inflight = new InflightWindow();
    private final ArrayDeque<OutboundPublish> queue = new ArrayDeque<>();
    private final Set<Integer> inboundQos2Pending = new HashSet<>();
    private SessionConnection connection;
    private long expiryIntervalSeconds;
    private Will pendingWill;
    private Timeout expiryTimer;
    private Timeout willTimer;
    private long droppedMessages;

    Session(String clientId, int maxQueuedMessages, Clock clock) {
        this.clientId = clientId;
        this.maxQueuedMessages = maxQueuedMessages;
        this.clock = clock;
    }

    public String clientId() {
        return clientId;
    }

    public synchronized boolean isConnected() {
        return connection != null;
    }

    public synchronized long expiryIntervalSeconds() {
        return expiryIntervalSeconds;
    }

    public synchronized void setExpiryIntervalSeconds(long seconds) {
        this.expiryIntervalSeconds = seconds;
    }

    // ---- delivery towards the client ----

    /**
     * Hands one message to the client: sent at once when connected and the receive window allows,
     * queued otherwise (QoS 1/2 only; QoS 0 is dropped while the client is away or not writable).
     */
    public synchronized void deliver(OutboundPublish publish) {
        if (publish.message().isExpired(clock.millis())) {
            return;
        }
        if (publish.qos() == Qos.AT_MOST_ONCE) {
            if (connection != null && connection.isWritable()) {
                connection.sendPublish(publish, 0, false);
            }
            return;
        }
        if (connection != null && queue.isEmpty() && windowOpen()) {
            send(publish);
        } else {
            enqueue(publish);
        }
    }

    /** The client acknowledged a QoS 1 PUBLISH; false when the packet id is unknown. */
    public synchronized boolean onPubAck(int packetId) {
        InflightEntry entry = inflight.get(packetId);
        if (entry == null || entry.publish.qos() != Qos.AT_LEAST_ONCE) {
            return false;
        }
        inflight.remove(packetId);
        drainQueue();
        return true;
    }

    /**
     * The client received a QoS 2 PUBLISH (PUBREC). With a success code the hub answers PUBREL;
     * with an error code the message is done. False when the packet id is unknown.
     */
    public synchronized boolean onPubRec(int packetId, boolean accepted) {
        InflightEntry entry = inflight.get(packetId);
        if (entry == null || entry.publish.qos() != Qos.EXACTLY_ONCE) {
            return false;
        }
        if (!accepted) {
            inflight.remove(packetId);
            drainQueue();
            return true;
        }
        entry.released = true;
        if (connection != null) {
            connection.sendPubRel(packetId);
        }
        return true;
    }

    /** The client completed a QoS 2 delivery (PUBCOMP); false when the packet id is unknown. */
    public synchronized boolean onPubComp(int packetId) {
        InflightEntry entry = inflight.get(packetId);
        if (entry == null || !entry.released) {
            return false;
        }
        inflight.remove(packetId);
        drainQueue();
        return true;
    }

    // ---- QoS 2 towards the hub ----

    /** Records an incoming QoS 2 packet id; false when it was already pending (a resent PUBLISH). */
    public synchronized boolean beginInboundQos2(int packetId) {
        return inboundQos2Pending.add(packetId);
    }

    /** The client released an incoming QoS 2 message (PUBREL); false when the id was unknown. */
    public synchronized boolean releaseInboundQos2(int packetId) {
        return inboundQos2Pending.remove(packetId);
    }

    // ---- subscriptions ----

    /** Records a subscription; returns the one it replaced, or null when new. */
    public synchronized Subscription putSubscription(Subscription subscription) {
        return subscriptions.put(subscription.filter().raw(), subscription);
    }

    public synchronized Subscription removeSubscription(String rawFilter) {
        return subscriptions.remove(rawFilter);
    }

    public synchronized List<Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    // ---- connection lifecycle (called by SessionRegistry under the client's stripe lock) ----

    /** Binds the session to a new connection, then resends what was in flight and drains the queue. */
    synchronized void attach(SessionConnection newConnection) {
        this.connection = newConnection;
        for (InflightEntry entry : inflight.inSendOrder()) {
            if (entry.released) {
                newConnection.sendPubRel(entry.packetId);
            } else {
                newConnection.sendPublish(entry.publish, entry.packetId, true);
            }
        }
        drainQueue();
    }

    /** Unbinds the session if {@code expected} is still its connection; true when it was. */
    synchronized boolean detach(SessionConnection expected) {
        if (connection != expected || expected == null) {
            return false;
        }
        connection = null;
        return true;
    }

    synchronized SessionConnection connection() {
        return connection;
    }

    synchronized Will takePendingWill() {
        Will will = pendingWill;
        pendingWill = null;
        cancel(willTimer);
        willTimer = null;
        return will;
    }

    synchronized void setPendingWill(Will will, Timeout timer) {
        this.pendingWill = will;
        this.willTimer = timer;
    }

    synchronized boolean isPendingWill(Will will) {
        return pendingWill == will && will != null;
    }

    synchronized void setExpiryTimer(Timeout timer) {
        cancel(expiryTimer);
        this.expiryTimer = timer;
    }

    synchronized void cancelExpiryTimer() {
        cancel(expiryTimer);
        expiryTimer = null;
    }

    /** Messages dropped because the queue was full, since the session began. */
    public synchronized long droppedMessages() {
        return droppedMessages;
    }

    /** Messages waiting in the queue (not counting those in flight). */
    public synchronized int queuedMessages() {
        return queue.size();
    }

    private boolean windowOpen() {
        return inflight.size() < connection.limits().receiveMaximum();
    }

    private void send(OutboundPublish publish) {
        InflightEntry entry = inflight.add(publish);
        if (!connection.sendPublish(publish, entry.packetId, false)) {
            inflight.remove(entry.packetId);
        }
    }

    private void enqueue(OutboundPublish publish) {
        if (queue.size() >= maxQueuedMessages) {
            droppedMessages++;
            if (droppedMessages == 1 || droppedMessages % 1000 == 0) {
                log.warn("[client={}] queue full ({} messages): dropped {} messages so far",
                        clientId, maxQueuedMessages, droppedMessages);
            }
            return;
        }
        queue.add(publish);
    }

    private void drainQueue() {
        if (connection == null) {
            return;
        }
        long now = clock.millis();
        while (!queue.isEmpty() && windowOpen()) {
            OutboundPublish next = queue.poll();
            if (!next.message().isExpired(now)) {
                send(next);
            }
        }
    }

    private static void cancel(Timeout timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
