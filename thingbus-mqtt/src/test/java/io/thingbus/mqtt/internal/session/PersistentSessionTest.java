package io.thingbus.mqtt.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.messaging.Will;
import io.thingbus.mqtt.testing.FakeSessionConnection;
import io.thingbus.mqtt.testing.ManualTimer;
import io.thingbus.mqtt.testing.Messages;
import io.thingbus.mqtt.testing.MutableClock;
import io.thingbus.storage.InMemoryStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Persistent sessions through the storage SPIs, with a restart simulated by a new registry recovering
 * from the same stores: what was queued or in flight before comes back, message bodies are stored
 * once per publish and removed with their last reference.
 */
class PersistentSessionTest {

    private static final long ONE_HOUR = 3600;

    private final MutableClock clock = new MutableClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final InMemoryStores stores = new InMemoryStores();
    private Hub hub = new Hub();

    /** One broker life over the shared stores. */
    private final class Hub {
        final RecordingSessionListener listener = new RecordingSessionListener();
        final MessageReferences references = new MessageReferences(stores.messages());
        final SessionStorageFactory storages = new SessionStorageFactory(stores, references, 100, 1000);
        final SessionRegistry registry = new SessionRegistry(storages, timer, clock, listener);

        SessionRecovery.Report recover() {
            return new SessionRecovery(stores, storages, references, clock).recover(registry);
        }
    }

    private void restart() {
        hub = new Hub();
        hub.recover();
    }

    private static OutboundPublish publish(String payload, Qos qos) {
        return OutboundPublish.of(Messages.message("t", payload, qos), qos, false);
    }

    private long storedBodies() {
        List<Long> ids = new ArrayList<>();
        stores.messages().forEachId(ids::add);
        return ids.size();
    }

    @Test
    void messagesQueuedForAnOfflineSessionSurviveARestartAndArriveInOrder() {
        FakeSessionConnection first = new FakeSessionConnection("c1");
        Session session = hub.registry.connect("device", false, ONE_HOUR, first).session();
        session.putSubscription(Subscription.basic(TopicFilter.parse("t"), Qos.AT_LEAST_ONCE));
        hub.registry.disconnected(session, first);
        for (int i = 1; i <= 3; i++) {
            assertThat(session.deliver(publish("m" + i, Qos.AT_LEAST_ONCE))).isTrue();
        }

        restart();
        Session restored = hub.registry.get("device");
        assertThat(restored).isNotNull().isNotSameAs(session);
        assertThat(restored.queuedMessages()).isEqualTo(3);
        assertThat(restored.subscriptions()).extracting(s -> s.filter().raw()).containsExactly("t");
        assertThat(hub.listener.restored).containsExactly(restored);

        FakeSessionConnection second = new FakeSessionConnection("c2");
        assertThat(hub.registry.connect("device", false, ONE_HOUR, second).sessionPresent()).isTrue();
        assertThat(second.publishes()).extracting(sent -> new String(sent.publish().message().payload()))
                .containsExactly("m1", "m2", "m3");
    }

    @Test
    void aFanOutStoresTheBodyOnceAndRemovesItWithTheLastAcknowledgement() {
        List<Session> sessions = new ArrayList<>();
        List<FakeSessionConnection> connections = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FakeSessionConnection connection = new FakeSessionConnection("c" + i);
            connections.add(connection);
            sessions.add(hub.registry.connect("device-" + i, false, ONE_HOUR, connection).session());
        }
        StoredMessageRef shared = StoredMessageRef.forFanOut();
        Message message = Messages.message("t", "once", Qos.AT_LEAST_ONCE);
        for (Session session : sessions) {
            session.deliver(new OutboundPublish(message, Qos.AT_LEAST_ONCE, false, new int[0], shared));
        }
        shared.releaseFanOutReference();

        assertThat(storedBodies()).isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(storedBodies()).as("before acknowledgement %d", i + 1).isEqualTo(1);
            sessions.get(i).onPubAck(connections.get(i).packetIds().get(0));
        }
        assertThat(storedBodies()).isZero();
    }

    @Test
    void aSessionCompletingItsDeliveryEarlyDoesNotRemoveTheBodyLaterSessionsOfTheFanOutNeed() {
        FakeSessionConnection online = new FakeSessionConnection("online");
        Session fast = hub.registry.connect("fast", false, ONE_HOUR, online).session();
        FakeSessionConnection away = new FakeSessionConnection("away");
        Session offline = hub.registry.connect("offline", false, ONE_HOUR, away).session();
        hub.registry.disconnected(offline, away);
        StoredMessageRef shared = StoredMessageRef.forFanOut();
        Message message = Messages.message("t", "for both", Qos.AT_LEAST_ONCE);

        fast.deliver(new OutboundPublish(message, Qos.AT_LEAST_ONCE, false, new int[0], shared));
        fast.onPubAck(online.packetIds().get(0));
        offline.deliver(new OutboundPublish(message, Qos.AT_LEAST_ONCE, false, new int[0], shared));
        shared.releaseFanOutReference();

        restart();
        FakeSessionConnection back = new FakeSessionConnection("back");
        hub.registry.connect("offline", false, ONE_HOUR, back);
        assertThat(back.publishes()).extracting(sent -> new String(sent.publish().message().payload()))
                .containsExactly("for both");
    }

    @Test
    void inflightMessagesAreResentWithDupAfterARestart() {
        FakeSessionConnection first = new FakeSessionConnection("c1");
        Session session = hub.registry.connect("device", false, ONE_HOUR, first).session();
        session.deliver(publish("q1", Qos.AT_LEAST_ONCE));
        session.deliver(publish("q2", Qos.EXACTLY_ONCE));
        session.onPubRec(first.packetIds().get(1), true);

        restart();
        FakeSessionConnection second = new FakeSessionConnection("c2");
        hub.registry.connect("device", false, ONE_HOUR, second);

        assertThat(second.publishes()).singleElement().satisfies(sent -> {
            assertThat(sent.duplicate()).isTrue();
            assertThat(sent.packetId()).isEqualTo(first.packetIds().get(0));
        });
        assertThat(second.pubRels()).containsExactly(first.packetIds().get(1));
    }

    @Test
    void anInboundQos2PacketIdStillAwaitingReleaseSurvivesARestart() {
        FakeSessionConnection first = new FakeSessionConnection("c1");
        Session session = hub.registry.connect("device", false, ONE_HOUR, first).session();
        session.beginInboundQos2(42);

        restart();

        assertThat(hub.registry.get("device").isInboundQos2Pending(42)).isTrue();
        assertThat(hub.registry.get("device").beginInboundQos2(42)).as("a resend is recognised").isFalse();
    }

    @Test
    void theWillOfASessionConnectedWhenTheHubStoppedIsPublishedAtRecovery() {
        Will will = new Will(Messages.message("status/device", "lost", Qos.AT_LEAST_ONCE), 0);
        hub.registry.connect("device", false, ONE_HOUR, new FakeSessionConnection("c1").withWill(will));

        restart();

        assertThat(hub.listener.willTopics()).containsExactly("status/device");
    }

    @Test
    void aSessionWhoseExpiryPassedWhileTheHubWasDownEndsAtRecoveryAndLeavesNothingStored() {
        FakeSessionConnection first = new FakeSessionConnection("c1");
        Session session = hub.registry.connect("device", false, 60, first).session();
        hub.registry.disconnected(session, first);
        session.deliver(publish("late", Qos.AT_LEAST_ONCE));
        clock.advance(Duration.ofSeconds(61));

        restart();

        assertThat(hub.registry.get("device")).isNull();
        assertThat(storedBodies()).isZero();
        int[] sessionsLeft = {0};
        stores.sessions().forEach(record -> sessionsLeft[0]++);
        assertThat(sessionsLeft[0]).isZero();
    }

    @Test
    void aSessionWithoutExpiryWritesNothingToTheStores() {
        FakeSessionConnection connection = new FakeSessionConnection("c1", 1);
        Session session = hub.registry.connect("device", true, 0, connection).session();
        for (int i = 0; i < 3; i++) {
            session.deliver(publish("m" + i, Qos.AT_LEAST_ONCE));
        }

        assertThat(session.isPersistent()).isFalse();
        assertThat(storedBodies()).isZero();
        int[] records = {0};
        stores.sessions().forEach(record -> records[0]++);
        assertThat(records[0]).isZero();
    }

    @Test
    void aPersistentQueueAlsoRefusesPastItsByteLimit() {
        FakeSessionConnection first = new FakeSessionConnection("c1");
        Session session = hub.registry.connect("device", false, ONE_HOUR, first).session();
        hub.registry.disconnected(session, first);
        String nineHundredBytes = "x".repeat(900);

        assertThat(session.deliver(publish(nineHundredBytes, Qos.AT_LEAST_ONCE))).isTrue();
        assertThat(session.deliver(publish("y".repeat(101), Qos.AT_LEAST_ONCE))).as("1001 bytes").isFalse();
        assertThat(session.deliver(publish("z".repeat(100), Qos.AT_LEAST_ONCE))).as("exactly 1000 bytes").isTrue();
    }

    @Test
    void aFullPersistentQueueRefusesTheMessage() {
        FakeSessionConnection first = new FakeSessionConnection("c1");
        Session session = hub.registry.connect("device", false, ONE_HOUR, first).session();
        hub.registry.disconnected(session, first);
        for (int i = 0; i < 100; i++) {
            assertThat(session.deliver(publish("m" + i, Qos.AT_LEAST_ONCE))).isTrue();
        }

        assertThat(session.deliver(publish("one too many", Qos.AT_LEAST_ONCE))).isFalse();
        assertThat(session.queuedMessages()).isEqualTo(100);
        assertThat(session.droppedMessages()).isEqualTo(1);
    }
}
