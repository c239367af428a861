package io.thingbus.mqtt.internal.session;

import io.netty.util.Timeout;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.Will;
import io.thingbus.mqtt.internal.codec.DeliveryBatch;
import io.thingbus.registry.auth.AccessPolicy;
import io.thingbus.storage.StoredSession;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
    private final SessionStorage storage;
    private final Clock clock;
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final InflightWindow inflight = new InflightWindow();
    private final Set<Integer> inboundQos2Pending = new HashSet<>();
    private SessionConnection connection;
    private long expiryIntervalSeconds;
    private long disconnectedAtMillis = -1;
    private Will pendingWill;
    private Timeout expiryTimer;
    private Timeout willTimer;
    private long droppedMessages;
    /** What the session's client may read; set by each connection, kept while it is away. */
    private volatile AccessPolicy access = AccessPolicy.ALLOW_ALL;

    /** A session kept on the heap only, queueing at most {@code maxQueuedMessages}. */
    Session(String clientId, int maxQueuedMessages, Clock clock) {
        this(clientId, new VolatileSessionStorage(maxQueuedMessages, Long.MAX_VALUE), clock);
    }

    Session(String clientId, SessionStorage storage, Clock clock) {
        this.clientId = clientId;
        this.storage = storage;
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

    /** Sets the session expiry interval (CONNECT, or an MQTT 5 DISCONNECT) and records it. */
    public synchronized void setExpiryIntervalSeconds(long seconds) {
        this.expiryIntervalSeconds = seconds;
        save();
    }

    /** Sets the expiry interval of a (re)connect without writing the record: {@link #attach} writes it next. */
    synchronized void useExpiryInterval(long seconds) {
        this.expiryIntervalSeconds = seconds;
    }

    /** True when this session's state survives a restart of the hub. */
    public boolean isPersistent() {
        return storage.isPersistent();
    }

    // ---- delivery towards the client ----

    /**
     * The ACL of the client's current (or last) connection, which decides what of its subscriptions'
     * traffic it may receive. A session restored at start-up receives everything its subscriptions
     * match until its client connects again.
     */
    public void receiveUnder(AccessPolicy policy) {
        this.access = policy;
    }

    /** Whether a message on {@code topic} may be delivered to this session (see {@link AccessPolicy#mayReceive}). */
    public boolean mayReceive(String topic) {
        return access.mayReceive(topic);
    }

    /**
     * Hands one message to the client: sent at once when connected and the receive window allows,
     * queued otherwise (QoS 1/2 only; QoS 0 is dropped while the client is away or not writable).
     *
     * @return false when a QoS 1/2 message could not be queued because the queue is full
     */
    public boolean deliver(OutboundPublish publish) {
        return deliver(publish, null);
    }

    /** {@link #deliver(OutboundPublish)} as part of a fan-out whose socket writes the batch schedules. */
    public synchronized boolean deliver(OutboundPublish publish, DeliveryBatch batch) {
        if (publish.message().isExpired(clock.millis())) {
            return true;
        }
        if (publish.qos() == Qos.AT_MOST_ONCE) {
            if (connection != null && connection.isWritable()) {
                connection.sendPublish(publish, 0, false, batch, null);
            }
            return true;
        }
        if (connection != null && storage.queued() == 0 && windowOpen()) {
            send(publish, batch);
            return true;
        }
        return enqueue(publish);
    }

    /** The client acknowledged a QoS 1 PUBLISH; false when the packet id is unknown. */
    public synchronized boolean onPubAck(int packetId) {
        InflightEntry entry = inflight.get(packetId);
        if (entry == null || entry.publish.qos() != Qos.AT_LEAST_ONCE) {
            return false;
        }
        complete(entry);
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
            complete(entry);
            return true;
        }
        entry.released = true;
        storage.released(packetId, entry.publish);
        if (connection != null) {
            connection.sendPubRel(packetId, storage.durability());
        }
        return true;
    }

    /** The client completed a QoS 2 delivery (PUBCOMP); false when the packet id is unknown. */
    public synchronized boolean onPubComp(int packetId) {
        InflightEntry entry = inflight.get(packetId);
        if (entry == null || !entry.released) {
            return false;
        }
        complete(entry);
        return true;
    }

    // ---- QoS 2 towards the hub ----

    /** Records an incoming QoS 2 packet id; false when it was already pending (a resent PUBLISH). */
    public synchronized boolean beginInboundQos2(int packetId) {
        if (!inboundQos2Pending.add(packetId)) {
            return false;
        }
        storage.inboundStarted(packetId);
        return true;
    }

    /** True while an incoming QoS 2 packet id awaits its PUBREL, so a PUBLISH with it is a resend. */
    public synchronized boolean isInboundQos2Pending(int packetId) {
        return inboundQos2Pending.contains(packetId);
    }

    /** The client released an incoming QoS 2 message (PUBREL); false when the id was unknown. */
    public synchronized boolean releaseInboundQos2(int packetId) {
        if (!inboundQos2Pending.remove(packetId)) {
            return false;
        }
        storage.inboundReleased(packetId);
        return true;
    }

    // ---- subscriptions ----

    /** Records a subscription; returns the one it replaced, or null when new. */
    public synchronized Subscription putSubscription(Subscription subscription) {
        Subscription previous = subscriptions.put(subscription.filter().raw(), subscription);
        save();
        return previous;
    }

    public synchronized Subscription removeSubscription(String rawFilter) {
        Subscription removed = subscriptions.remove(rawFilter);
        if (removed != null) {
            save();
        }
        return removed;
    }

    public synchronized List<Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    // ---- connection lifecycle (called by SessionRegistry under the client's stripe lock) ----

    /**
     * Binds the session to a new connection, then resends what was in flight (a message now larger
     * than the new connection accepts is discarded, MQTT 5 section 3.1.2.11.4) and drains the queue.
     */
    synchronized void attach(SessionConnection newConnection) {
        this.connection = newConnection;
        this.disconnectedAtMillis = -1;
        Iterator<InflightEntry> entries = inflight.inSendOrder().iterator();
        while (entries.hasNext()) {
            InflightEntry entry = entries.next();
            if (entry.released) {
                newConnection.sendPubRel(entry.packetId, null);
            } else if (!newConnection.sendPublish(entry.publish, entry.packetId, true, null, null)) {
                entries.remove();
                storage.completed(entry.packetId, entry.publish);
            }
        }
        save();
        drainQueue();
    }

    /** Unbinds the session if {@code expected} is still its connection; true when it was. */
    synchronized boolean detach(SessionConnection expected) {
        if (connection != expected || expected == null) {
            return false;
        }
        connection = null;
        disconnectedAtMillis = clock.millis();
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
        if (will != null) {
            save();
        }
        return will;
    }

    synchronized void setPendingWill(Will will, Timeout timer) {
        this.pendingWill = will;
        this.willTimer = timer;
        save();
    }

    /** Writes the session's record, if it is persistent. */
    synchronized void save() {
        if (storage.isPersistent()) {
            Will will = connection != null ? connection.will() : pendingWill;
            storage.save(new StoredSession(clientId, expiryIntervalSeconds, disconnectedAtMillis,
                    List.copyOf(subscriptions.values()), will));
        }
    }

    /** The session ended: everything it stored goes. */
    synchronized void delete() {
        List<OutboundPublish> inflightPublishes = new ArrayList<>();
        for (InflightEntry entry : inflight.inSendOrder()) {
            inflightPublishes.add(entry.publish);
        }
        inflight.clear();
        storage.delete(inflightPublishes);
    }

    /** Restores an exchange found in storage at start-up (no write). */
    synchronized void restoreInflight(int packetId, OutboundPublish publish, boolean released) {
        inflight.restore(packetId, publish).released = released;
    }

    /** Restores a subscription found in storage at start-up (no write). */
    synchronized void restoreSubscription(Subscription subscription) {
        subscriptions.put(subscription.filter().raw(), subscription);
    }

    /** Restores an inbound QoS 2 packet id found in storage at start-up (no write). */
    synchronized void restoreInboundQos2(int packetId) {
        inboundQos2Pending.add(packetId);
    }

    /** Restores the expiry and disconnect time found in storage at start-up (no write). */
    synchronized void restoreRecord(long expirySeconds, long disconnectedAt) {
        this.expiryIntervalSeconds = expirySeconds;
        this.disconnectedAtMillis = disconnectedAt;
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

    /** QoS 1/2 messages sent to the client and not yet completed. */
    public synchronized int inflightCount() {
        return inflight.size();
    }

    /** Messages dropped because the queue was full, since the session began. */
    public synchronized long droppedMessages() {
        return droppedMessages;
    }

    /** Messages waiting in the queue (not counting those in flight). */
    public synchronized long queuedMessages() {
        return storage.queued();
    }

    private boolean windowOpen() {
        return inflight.size() < connection.limits().receiveMaximum();
    }

    /**
     * Sends a fresh QoS 1/2 delivery under a new packet id. Its inflight record is written first and
     * the PUBLISH waits for it to be durable, so a restarted hub knows every packet id the client holds.
     */
    private void send(OutboundPublish publish, DeliveryBatch batch) {
        InflightEntry entry = inflight.add(publish);
        storage.sent(entry.packetId, publish, false);
        transmit(entry, batch);
    }

    /** Hands a recorded inflight entry to the connection; one too large for the client is dropped. */
    private void transmit(InflightEntry entry, DeliveryBatch batch) {
        if (!connection.sendPublish(entry.publish, entry.packetId, false, batch, storage.durability())) {
            inflight.remove(entry.packetId);
            storage.completed(entry.packetId, entry.publish);
        }
    }

    private void complete(InflightEntry entry) {
        inflight.remove(entry.packetId);
        storage.completed(entry.packetId, entry.publish);
        drainQueue();
    }

    private boolean enqueue(OutboundPublish publish) {
        if (storage.offer(publish)) {
            return true;
        }
        droppedMessages++;
        if (droppedMessages == 1 || droppedMessages % 1000 == 0) {
            log.warn("[client={}] queue full ({} messages): dropped {} messages so far",
                    clientId, storage.queued(), droppedMessages);
        }
        return false;
    }

    private void drainQueue() {
        if (connection == null) {
            return;
        }
        long now = clock.millis();
        while (windowOpen()) {
            InflightEntry[] taken = new InflightEntry[1];
            boolean[] empty = new boolean[1];
            // taking the entry off the queue and recording it in flight reach the disk together
            storage.atomically(() -> {
                OutboundPublish next = storage.poll();
                if (next == null) {
                    empty[0] = true;
                } else if (next.message().isExpired(now)) {
                    storage.discarded(next);
                } else {
                    taken[0] = inflight.add(next);
                    storage.sent(taken[0].packetId, next, true);
                }
            });
            if (empty[0]) {
                return;
            }
            if (taken[0] != null) {
                transmit(taken[0], null);
            }
        }
    }

    private static void cancel(Timeout timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
