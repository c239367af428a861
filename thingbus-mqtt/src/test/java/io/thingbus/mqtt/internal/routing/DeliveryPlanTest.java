package io.thingbus.mqtt.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.RetainHandling;
import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.mqtt.internal.session.Session;
import io.thingbus.mqtt.internal.session.SessionListener;
import io.thingbus.mqtt.internal.session.SessionRegistry;
import io.thingbus.mqtt.testing.FakeSessionConnection;
import io.thingbus.mqtt.testing.ManualTimer;
import io.thingbus.mqtt.testing.Messages;
import io.thingbus.mqtt.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merge rules of one plan, below the index: one target per session for non-shared, one per shared match. */
class DeliveryPlanTest {

    private final MutableClock clock = new MutableClock();
    private final SessionRegistry registry = new SessionRegistry(100, new ManualTimer(clock), clock, new SessionListener() {
        @Override
        public void sessionEnded(Session session) {
        }

        @Override
        public void sessionRestored(Session session) {
        }

        @Override
        public void publishWill(Message will) {
        }
    });
    private final DeliveryPlan plan = new DeliveryPlan();

    private Session connect(String clientId, FakeSessionConnection connection) {
        return registry.connect(clientId, false, 60, connection).session();
    }

    private static Subscription subscription(String filter, Qos qos, boolean retainAsPublished, int id) {
        return new Subscription(TopicFilter.parse(filter), qos, false, retainAsPublished, RetainHandling.SEND_ALWAYS, id);
    }

    @Test
    void mergesNonSharedMatchesOfOneSessionTakingMaxQosAnyRetainAndAllIds() {
        FakeSessionConnection connection = new FakeSessionConnection("c1");
        Session session = connect("c1", connection);
        Message message = Messages.message("a/b", "x", Qos.EXACTLY_ONCE, true, "p", clock.millis());

        plan.addNonShared(session, subscription("a/b", Qos.AT_MOST_ONCE, false, 1), message);
        plan.addNonShared(session, subscription("a/+", Qos.AT_LEAST_ONCE, true, 0), message);
        plan.addNonShared(session, subscription("#", Qos.AT_MOST_ONCE, false, 3), message);
        plan.deliver(message);

        assertThat(plan.size()).isEqualTo(1);
        assertThat(connection.publishes()).singleElement().satisfies(sent -> {
            assertThat(sent.publish().qos()).isEqualTo(Qos.AT_LEAST_ONCE);
            assertThat(sent.publish().retain()).isTrue();
            assertThat(sent.publish().subscriptionIds()).containsExactly(1, 3);
            assertThat(sent.publish().message()).isSameAs(message);
        });
    }

    @Test
    void keepsMergingOncePastTheLinearScanSize() {
        List<FakeSessionConnection> connections = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            FakeSessionConnection connection = new FakeSessionConnection("c" + i);
            connections.add(connection);
            sessions.add(connect("c" + i, connection));
        }
        Message message = Messages.message("t", "x", Qos.EXACTLY_ONCE);

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < sessions.size(); i++) {
                Qos granted = round == 1 ? Qos.EXACTLY_ONCE : Qos.AT_MOST_ONCE;
                plan.addNonShared(sessions.get(i), subscription("f" + round, granted, false, round + 1), message);
            }
            plan.addShared(sessions.get(round), subscription("$share/g" + round + "/t", Qos.AT_MOST_ONCE, false, 0), message);
        }
        plan.deliver(message);

        assertThat(plan.size()).isEqualTo(20 + 3);
        for (int i = 0; i < connections.size(); i++) {
            List<FakeSessionConnection.Sent> received = connections.get(i).publishes();
            assertThat(received).as("session %d", i).hasSize(i < 3 ? 2 : 1);
            assertThat(received).anySatisfy(sent -> {
                assertThat(sent.publish().qos()).isEqualTo(Qos.EXACTLY_ONCE);
                assertThat(sent.publish().subscriptionIds()).containsExactly(1, 2, 3);
            });
        }
    }

    @Test
    void sharedMatchesAreNeverMerged() {
        FakeSessionConnection connection = new FakeSessionConnection("c1");
        Session session = connect("c1", connection);
        Message message = Messages.message("t", "x", Qos.AT_LEAST_ONCE);

        plan.addShared(session, subscription("$share/g1/t", Qos.AT_LEAST_ONCE, false, 0), message);
        plan.addShared(session, subscription("$share/g2/t", Qos.AT_LEAST_ONCE, false, 0), message);
        plan.addNonShared(session, subscription("t", Qos.AT_LEAST_ONCE, false, 0), message);
        plan.deliver(message);

        assertThat(connection.publishes()).hasSize(3);
    }
}
