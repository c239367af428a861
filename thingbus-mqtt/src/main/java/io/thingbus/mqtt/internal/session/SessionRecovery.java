package io.thingbus.mqtt.internal.session;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.Subscription;
import io.thingbus.storage.QueuedMessage;
import io.thingbus.storage.StoredSession;
import io.thingbus.storage.Stores;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the persistent sessions back at start-up: their records, queue bounds, inflight exchanges
 * and message references; drops queues and message bodies nothing refers to any more. Queued
 * messages stay on disk: a session with a million of them costs two numbers and its references.
 */
public final class SessionRecovery {

    private static final Logger log = LoggerFactory.getLogger(SessionRecovery.class);

    private final Stores stores;
    private final SessionStorageFactory storages;
    private final MessageReferences references;
    private final Clock clock;

    public SessionRecovery(Stores stores, SessionStorageFactory storages, MessageReferences references, Clock clock) {
        this.stores = stores;
        this.storages = storages;
        this.references = references;
        this.clock = clock;
    }

    /** What recovery found. */
    public record Report(int sessions, long queuedMessages, int inflightMessages, long orphanedBodies) {
    }

    /** Restores every stored session into the registry. Call once, before the listeners open. */
    public Report recover(SessionRegistry registry) {
        Map<String, long[]> queueBounds = new HashMap<>();
        stores.queues().forEachQueue((clientId, first, last, count) -> queueBounds.put(clientId, new long[] {first, last + 1, count}));
        int[] inflight = {0};
        long[] queued = {0};
        Set<String> restored = new HashSet<>();
        stores.sessions().forEach(record -> {
            long[] bounds = queueBounds.getOrDefault(record.clientId(), new long[] {0, 0, 0});
            Session session = restoreSession(record, bounds);
            inflight[0] += session.inflightCount();
            queued[0] += bounds[2];
            restored.add(record.clientId());
            registry.restore(session, record.disconnectedAtMillis(), record.will());
        });
        for (String clientId : queueBounds.keySet()) {
            if (!restored.contains(clientId)) {
                stores.queues().removeAll(clientId);
            }
        }
        long orphans = removeUnreferencedBodies();
        Report report = new Report(restored.size(), queued[0], inflight[0], orphans);
        log.info("Recovered {} persistent sessions: {} queued and {} inflight messages; {} unreferenced bodies removed",
                report.sessions(), report.queuedMessages(), report.inflightMessages(), report.orphanedBodies());
        return report;
    }

    private Session restoreSession(StoredSession record, long[] bounds) {
        String clientId = record.clientId();
        Session session = new Session(clientId, storages.forRestoredSession(clientId, bounds[0], bounds[1]), clock);
        session.restoreRecord(record.expiryIntervalSeconds(), record.disconnectedAtMillis());
        for (Subscription subscription : record.subscriptions()) {
            session.restoreSubscription(subscription);
        }
        stores.queues().forEachEntry(clientId, (seq, message) -> references.retain(message.messageId()));
        stores.inflight().forEachOutbound(clientId, exchange -> {
            QueuedMessage queued = exchange.message();
            Message body = stores.messages().get(queued.messageId());
            if (body == null) {
                stores.inflight().removeOutbound(clientId, exchange.packetId());
                return;
            }
            references.retain(queued.messageId());
            session.restoreInflight(exchange.packetId(), new OutboundPublish(body, queued.qos(), queued.retain(),
                    queued.subscriptionIds(), StoredMessageRef.of(queued.messageId())), exchange.released());
        });
        stores.inflight().forEachInbound(clientId, session::restoreInboundQos2);
        return session;
    }

    private long removeUnreferencedBodies() {
        List<Long> orphans = new ArrayList<>();
        stores.messages().forEachId(id -> {
            if (references.count(id) == 0) {
                orphans.add(id);
            }
        });
        orphans.forEach(stores.messages()::remove);
        return orphans.size();
    }
}
