package io.thingbus.mqtt.internal.session;

import io.thingbus.messaging.Will;
import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.Qos;
import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.mqtt.testing.FakeSessionConnection;
import io.thingbus.mqtt.testing.ManualTimer;
import io.thingbus.mqtt.testing.Messages;
import io.thingbus.mqtt.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Session lifecycle per MQTT 5 sections 3.1.2.4 (clean start), 3.1.2.5 (will delay), 3.1.2.11.2 (expiry), 3.1.4 (takeover). */
class SessionRegistryTest {

    private static final String CLIENT = "device-1";
    private static final long NEVER = 0xFFFF_FFFFL;

    private final MutableClock clock = new MutableClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final RecordingSessionListener listener = new RecordingSessionListener();
    private final SessionRegistry registry = new SessionRegistry(100, timer, clock, listener);

    private static FakeSessionConnection connectionWithWill(String name, String willTopic, long delaySeconds) {
        return new FakeSessionConnection(name)
                .withWill(new Will(Messages.message(willTopic, "gone", Qos.AT_LEAST_ONCE), delaySeconds));
    }

    @Nested
    class CleanStartAndResume {

        @Test
        void aFirstConnectStartsANewSession() {
            FakeSessionConnection connection = new FakeSessionConnection("c1");

            ConnectOutcome outcome = registry.connect(CLIENT, false, 60, connection);

            assertThat(outcome.sessionPresent()).isFalse();
            assertThat(outcome.takenOver()).isNull();
            assertThat(registry.get(CLIENT)).isSameAs(outcome.session());
            assertThat(outcome.session().isConnected()).isTrue();
            assertThat(outcome.session().expiryIntervalSeconds()).isEqualTo(60);
            assertThat(listener.ended).isEmpty();
        }

        @Test
        void cleanStartDiscardsTheOldSessionAndPublishesItsPendingWill() {
            FakeSessionConnection first = connectionWithWill("c1", "wills/c1", 30);
            Session old = registry.connect(CLIENT, false, 300, first).session();
            old.putSubscription(Subscription.basic(TopicFilter.parse("a/b"), Qos.AT_LEAST_ONCE));
            registry.disconnected(old, first);
            assertThat(listener.wills).as("will delayed by 30 s").isEmpty();

            ConnectOutcome outcome = registry.connect(CLIENT, true, 300, new FakeSessionConnection("c2"));

            assertThat(outcome.sessionPresent()).isFalse();
            assertThat(outcome.session()).isNotSameAs(old);
            assertThat(outcome.session().subscriptions()).isEmpty();
            assertThat(listener.ended).containsExactly(old);
            assertThat(listener.willTopics()).containsExactly("wills/c1");
            assertThat(registry.get(CLIENT)).isSameAs(outcome.session());

            timer.advance(Duration.ofSeconds(400));
            assertThat(listener.willTopics()).as("the will is published once").containsExactly("wills/c1");
            assertThat(listener.ended).as("the old session's expiry timer was cancelled").containsExactly(old);
            assertThat(registry.get(CLIENT)).isSameAs(outcome.session());
        }

        @Test
        void resumeKeepsTheSessionAndReportsItPresent() {
            FakeSessionConnection first = new FakeSessionConnection("c1");
            Session session = registry.connect(CLIENT, false, 60, first).session();
            Subscription subscription = Subscription.basic(TopicFilter.parse("a/#"), Qos.EXACTLY_ONCE);
            session.putSubscription(subscription);
            registry.disconnected(session, first);
            timer.advance(Duration.ofSeconds(59));

            ConnectOutcome outcome = registry.connect(CLIENT, false, 60, new FakeSessionConnection("c2"));

            assertThat(outcome.sessionPresent()).isTrue();
            assertThat(outcome.session()).isSameAs(session);
            assertThat(session.subscriptions()).containsExactly(subscription);
            timer.advance(Duration.ofSeconds(10));
            assertThat(listener.ended).as("resuming cancelled the expiry").isEmpty();
            assertThat(registry.get(CLIENT)).isSameAs(session);
        }

        @Test
        void resumeTakesTheExpiryIntervalOfTheNewConnect() {
            FakeSessionConnection first = new FakeSessionConnection("c1");
            Session session = registry.connect(CLIENT, false, 60, first).session();
            registry.disconnected(session, first);

            FakeSessionConnection second = new FakeSessionConnection("c2");
            registry.connect(CLIENT, false, 5, second);
            registry.disconnected(session, second);
            timer.advance(Duration.ofSeconds(5));

            assertThat(listener.ended).containsExactly(session);
        }
    }

    @Nested
    class Takeover {

        @Test
        void returnsThePreviousConnectionAndDetachesIt() {
            FakeSessionConnection first = new FakeSessionConnection("c1");
            Session session = registry.connect(CLIENT, false, 60, first).session();
            FakeSessionConnection second = new FakeSessionConnection("c2");

            ConnectOutcome outcome = registry.connect(CLIENT, false, 60, second);

            assertThat(outcome.takenOver()).isSameAs(first);
            assertThat(outcome.sessionPresent()).isTrue();
            assertThat(outcome.session()).isSameAs(session);
            assertThat(session.connection()).isSameAs(second);
        }

        @Test
        void previousWillWithoutDelayIsPublishedAtOnceEvenOnResume() {
            FakeSessionConnection first = connectionWithWill("c1", "wills/c1", 0);
            registry.connect(CLIENT, false, 60, first);

            registry.connect(CLIENT, false, 60, new FakeSessionConnection("c2"));

            assertThat(listener.willTopics()).containsExactly("wills/c1");
            assertThat(first.will()).as("taken from the old connection").isNull();
        }

        @Test
        void previousWillIsPublishedAtOnceWhenTheNewConnectionCleansTheSession() {
            FakeSessionConnection first = connectionWithWill("c1", "wills/c1", 3600);
            Session old = registry.connect(CLIENT, false, 7200, first).session();

            ConnectOutcome outcome = registry.connect(CLIENT, true, 60, new FakeSessionConnection("c2"));

            assertThat(listener.willTopics()).containsExactly("wills/c1");
            assertThat(listener.ended).containsExactly(old);
            assertThat(outcome.takenOver()).isSameAs(first);
            assertThat(outcome.sessionPresent()).isFalse();
        }

        @Test
        void previousWillIsNotPublishedWhenTheSessionIsResumedWithinTheWillDelay() {
            FakeSessionConnection first = connectionWithWill("c1", "wills/c1", 30);
            Session session = registry.connect(CLIENT, false, 300, first).session();

            FakeSessionConnection second = new FakeSessionConnection("c2");
            registry.connect(CLIENT, false, 300, second);
            timer.advance(Duration.ofSeconds(60));

            assertThat(listener.wills).isEmpty();
            assertThat(timer.pendingCount()).isZero();

            registry.disconnected(session, first);
            assertThat(session.connection()).as("the stale connection's close changes nothing").isSameAs(second);
            assertThat(timer.pendingCount()).isZero();
        }
    }

    @Nested
    class Expiry {

        @Test
        void theSessionEndsWhenItsExpiryIntervalHasPassed() {
            FakeSessionConnection connection = new FakeSessionConnection("c1");
            Session session = registry.connect(CLIENT, false, 10, connection).session();
            registry.disconnected(session, connection);

            timer.advance(Duration.ofMillis(9_999));
            assertThat(listener.ended).isEmpty();
            assertThat(registry.get(CLIENT)).isSameAs(session);

            timer.advance(Duration.ofMillis(1));
            assertThat(listener.ended).containsExactly(session);
            assertThat(registry.get(CLIENT)).isNull();
            assertThat(registry.size()).isZero();
        }

        @Test
        void expiryZeroEndsTheSessionAtDisconnect() {
            FakeSessionConnection connection = new FakeSessionConnection("c1");
            Session session = registry.connect(CLIENT, true, 0, connection).session();

            registry.disconnected(session, connection);

            assertThat(listener.ended).containsExactly(session);
            assertThat(registry.get(CLIENT)).isNull();
            assertThat(timer.pendingCount()).isZero();
        }

        @Test
        void expiryZeroPublishesTheWillAtDisconnectWhateverItsDelay() {
            FakeSessionConnection connection = connectionWithWill("c1", "wills/c1", 30);
            Session session = registry.connect(CLIENT, true, 0, connection).session();

            registry.disconnected(session, connection);

            assertThat(listener.willTopics()).containsExactly("wills/c1");
        }

        @Test
        void aSessionThatNeverExpiresSchedulesNothing() {
            FakeSessionConnection connection = new FakeSessionConnection("c1");
            Session session = registry.connect(CLIENT, false, NEVER, connection).session();

            registry.disconnected(session, connection);

            assertThat(timer.pendingCount()).isZero();
            timer.advance(Duration.ofDays(400));
            assertThat(registry.get(CLIENT)).isSameAs(session);
        }

        @Test
        void aStaleExpiryTimerDoesNotEndAReconnectedSession() {
            FakeSessionConnection first = new FakeSessionConnection("c1");
            Session session = registry.connect(CLIENT, false, 10, first).session();
            registry.disconnected(session, first);
            registry.connect(CLIENT, false, 10, new FakeSessionConnection("c2"));

            timer.advance(Duration.ofSeconds(20));

            assertThat(listener.ended).isEmpty();
            assertThat(session.isConnected()).isTrue();
        }
    }

    @Nested
    class Wills {

        @Test
        void aWillWithoutDelayIsPublishedAtDisconnect() {
            FakeSessionConnection connection = connectionWithWill("c1", "wills/c1", 0);
            Session session = registry.connect(CLIENT, false, 60, connection).session();

            registry.disconnected(session, connection);

            assertThat(listener.willTopics()).containsExactly("wills/c1");
            assertThat(listener.ended).isEmpty();
        }

        @Test
        void aDelayedWillIsPublishedOnceTheDelayHasPassed() {
            FakeSessionConnection connection = connectionWithWill("c1", "wills/c1", 10);
            Session session = registry.connect(CLIENT, false, 300, connection).session();
            registry.disconnected(session, connection);

            timer.advance(Duration.ofMillis(9_999));
            assertThat(listener.wills).isEmpty();

            timer.advance(Duration.ofMillis(1));
            assertThat(listener.willTopics()).containsExactly("wills/c1");
            assertThat(listener.ended).as("the session outlives its will").isEmpty();

            timer.advance(Duration.ofSeconds(300));
            assertThat(listener.willTopics()).containsExactly("wills/c1");
            assertThat(listener.ended).containsExactly(session);
        }

        @Test
        void reconnectingWithinTheDelayCancelsTheWill() {
            FakeSessionConnection first = connectionWithWill("c1", "wills/c1", 10);
            Session session = registry.connect(CLIENT, false, 300, first).session();
            registry.disconnected(session, first);
            timer.advance(Duration.ofSeconds(5));

            ConnectOutcome outcome = registry.connect(CLIENT, false, 300, new FakeSessionConnection("c2"));
            timer.advance(Duration.ofSeconds(60));

            assertThat(outcome.sessionPresent()).isTrue();
            assertThat(listener.wills).isEmpty();
        }

        @Test
        void reconnectingWithCleanStartWithinTheDelayEndsTheSessionAndPublishesTheWill() {
            FakeSessionConnection first = connectionWithWill("c1", "wills/c1", 10);
            Session session = registry.connect(CLIENT, false, 300, first).session();
            registry.disconnected(session, first);
            timer.advance(Duration.ofSeconds(5));

            registry.connect(CLIENT, true, 300, new FakeSessionConnection("c2"));
            assertThat(listener.willTopics()).containsExactly("wills/c1");

            timer.advance(Duration.ofSeconds(60));
            assertThat(listener.willTopics()).containsExactly("wills/c1");
        }

        @Test
        void theWillIsPublishedWhenTheSessionExpiresBeforeTheWillDelay() {
            FakeSessionConnection connection = connectionWithWill("c1", "wills/c1", 60);
            Session session = registry.connect(CLIENT, false, 5, connection).session();
            registry.disconnected(session, connection);

            timer.advance(Duration.ofMillis(4_999));
            assertThat(listener.wills).isEmpty();

            timer.advance(Duration.ofMillis(1));
            assertThat(listener.willTopics()).containsExactly("wills/c1");
            assertThat(listener.ended).containsExactly(session);

            timer.advance(Duration.ofSeconds(120));
            assertThat(listener.willTopics()).as("published once").containsExactly("wills/c1");
        }
    }
}
