package io.thingbus.mqtt.internal.session;

import io.thingbus.messaging.Will;
import io.netty.util.Timer;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every session by client id, and the rules of their lifecycle: clean start, resume, takeover,
 * session expiry and delayed wills (MQTT 5 sections 3.1.2.4, 3.1.2.5 and 3.1.3.2).
 *
 * <p>Thread-safety: each lifecycle step for one client id runs under that id's stripe lock, so a
 * connect, a disconnect and an expiry of the same client never interleave; different clients
 * proceed in parallel.
 */
public final class SessionRegistry {

    private static final int STRIPES = 1024;

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Object[] stripes = new Object[STRIPES];
    private final SessionStorageFactory storages;
    private final Timer timer;
    private final Clock clock;
    private final SessionListener listener;

    /** A registry whose sessions all live on the heap. */
    public SessionRegistry(int maxQueuedMessages, Timer timer, Clock clock, SessionListener listener) {
        this(SessionStorageFactory.onHeap(maxQueuedMessages), timer, clock, listener);
    }

    public SessionRegistry(SessionStorageFactory storages, Timer timer, Clock clock, SessionListener listener) {
        this.storages = storages;
        this.timer = timer;
        this.clock = clock;
        this.listener = listener;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Binds a newly accepted connection to its session: takes the session over from a live
     * connection, starts a new session or resumes the old one, and settles the old connection's
     * will per the spec (published unless the session resumes within the will delay).
     */
    public ConnectOutcome connect(String clientId, boolean cleanStart, long expiryIntervalSeconds,
                                  SessionConnection connection) {
        synchronized (stripeOf(clientId)) {
            Session existing = sessions.get(clientId);
            SessionConnection previous = existing == null ? null : existing.connection();
            Will previousWill = null;
            if (previous != null) {
                existing.detach(previous);
                previousWill = previous.takeWill();
            }
            boolean resume = existing != null && !cleanStart;
            if (previousWill != null && (!resume || previousWill.delaySeconds() == 0)) {
                listener.publishWill(previousWill.message());
            }
            Session session;
            if (resume) {
                session = existing;
                session.cancelExpiryTimer();
                session.takePendingWill();
            } else {
                if (existing != null) {
                    end(existing);
                }
                session = new Session(clientId, storages.forNewSession(clientId, expiryIntervalSeconds), clock);
                sessions.put(clientId, session);
            }
            session.useExpiryInterval(expiryIntervalSeconds);
            session.attach(connection);
            return new ConnectOutcome(session, resume, previous);
        }
    }

    /**
     * The connection is gone. If it still owned its session, the session starts its expiry (or
     * ends now with expiry 0) and the connection's will is published or delayed.
     */
    public void disconnected(Session session, SessionConnection connection) {
        synchronized (stripeOf(session.clientId())) {
            if (!session.detach(connection)) {
                return;
            }
            Will will = connection.takeWill();
            long expiry = session.expiryIntervalSeconds();
            if (expiry == 0) {
                if (will != null) {
                    listener.publishWill(will.message());
                }
                end(session);
                return;
            }
            scheduleExpiry(session, expiry);
            if (will != null) {
                long delay = Math.min(will.delaySeconds(), expiry);
                if (delay == 0) {
                    listener.publishWill(will.message());
                } else {
                    scheduleWill(session, will, TimeUnit.SECONDS.toMillis(delay));
                }
            }
            session.save();
        }
    }

    /**
     * Puts back a session read from storage at start-up: it is offline, its expiry counts from its
     * recorded disconnect (or from now, when the hub stopped while it was connected, which also
     * makes its will due: the connection was lost), and its subscriptions are routed again.
     */
    void restore(Session session, long disconnectedAtMillis, Will will) {
        synchronized (stripeOf(session.clientId())) {
            sessions.put(session.clientId(), session);
            long now = clock.millis();
            long since = disconnectedAtMillis < 0 ? now : disconnectedAtMillis;
            long expiryMillis = TimeUnit.SECONDS.toMillis(session.expiryIntervalSeconds());
            if (session.expiryIntervalSeconds() < 0xFFFF_FFFFL && since + expiryMillis <= now) {
                if (will != null) {
                    listener.publishWill(will.message());
                }
                end(session);
                return;
            }
            listener.sessionRestored(session);
            if (session.expiryIntervalSeconds() < 0xFFFF_FFFFL) {
                session.setExpiryTimer(timer.newTimeout(t -> expire(session), since + expiryMillis - now, TimeUnit.MILLISECONDS));
            }
            if (will != null) {
                long due = since + TimeUnit.SECONDS.toMillis(Math.min(will.delaySeconds(), session.expiryIntervalSeconds()));
                if (due <= now) {
                    listener.publishWill(will.message());
                } else {
                    scheduleWill(session, will, due - now);
                }
            }
            session.restoreRecord(session.expiryIntervalSeconds(), since);
            session.save();
        }
    }

    private void scheduleExpiry(Session session, long expirySeconds) {
        if (expirySeconds < 0xFFFF_FFFFL) {
            session.setExpiryTimer(timer.newTimeout(t -> expire(session), expirySeconds, TimeUnit.SECONDS));
        }
    }

    private void scheduleWill(Session session, Will will, long delayMillis) {
        session.setPendingWill(will, timer.newTimeout(t -> publishDelayedWill(session, will), delayMillis, TimeUnit.MILLISECONDS));
    }

    /** The session of a client id, or null. */
    public Session get(String clientId) {
        return sessions.get(clientId);
    }

    public int size() {
        return sessions.size();
    }

    private void expire(Session session) {
        synchronized (stripeOf(session.clientId())) {
            if (sessions.get(session.clientId()) == session && !session.isConnected()) {
                end(session);
            }
        }
    }

    private void publishDelayedWill(Session session, Will will) {
        synchronized (stripeOf(session.clientId())) {
            if (session.isPendingWill(will)) {
                session.takePendingWill();
                listener.publishWill(will.message());
            }
        }
    }

    /** Ends a session: its pending will is published at once and its subscriptions removed. */
    private void end(Session session) {
        sessions.remove(session.clientId(), session);
        session.cancelExpiryTimer();
        Will pending = session.takePendingWill();
        if (pending != null) {
            listener.publishWill(pending.message());
        }
        listener.sessionEnded(session);
        session.delete();
    }

    private Object stripeOf(String clientId) {
        return stripes[Math.floorMod(clientId.hashCode(), STRIPES)];
    }
}
