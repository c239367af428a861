package io.thingbus.mqtt.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.InMemoryRetainedMessageStore;
import io.thingbus.messaging.Message;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.RetainHandling;
import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.mqtt.internal.session.Session;
import io.thingbus.mqtt.internal.session.SessionRegistry;
import io.thingbus.mqtt.testing.FakeSessionConnection;
import io.thingbus.mqtt.testing.FakeSessionConnection.Sent;
import io.thingbus.mqtt.testing.ManualTimer;
import io.thingbus.mqtt.testing.Messages;
import io.thingbus.mqtt.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Routing per MQTT 5 sections 3.3.4 (overlapping subscriptions), 3.8.3.1 (options) and 4.8.2 (shared subscriptions). */
class RouterTest {

    private final MutableClock clock = new MutableClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final InMemoryRetainedMessageStore retained = new InMemoryRetainedMessageStore();
    private final Router router = new Router(retained, clock);
    private final SessionRegistry registry = new SessionRegistry(100, timer, clock, router);

    private record Client(Session session, FakeSessionConnection connection) {
        List<Sent> received() {
            return connection.publishes();
        }
    }

    private Client connect(String clientId) {
        FakeSessionConnection connection = new FakeSessionConnection(clientId);
        return new Client(registry.connect(clientId, false, 300, connection).session(), connection);
    }

    private void disconnect(Client client) {
        registry.disconnected(client.session(), client.connection());
    }

    private static Subscription subscription(String filter, Qos maxQos, int subscriptionId) {
        return new Subscription(TopicFilter.parse(filter), maxQos, false, false, RetainHandling.SEND_ALWAYS, subscriptionId);
    }

    private Message message(String topic, Qos qos, boolean retain) {
        return Messages.message(topic, "payload of " + topic, qos, retain, "publisher", clock.millis());
    }

    @Nested
    class NonShared {

        @Test
        void overlappingSubscriptionsGiveOneDeliveryWithTheHighestQosAndEverySubscriptionId() {
            Client client = connect("c1");
            router.subscribe(client.session(), subscription("a/+", Qos.AT_MOST_ONCE, 1));
            router.subscribe(client.session(), subscription("a/b", Qos.EXACTLY_ONCE, 2));
            router.subscribe(client.session(), subscription("#", Qos.AT_LEAST_ONCE, 3));
            router.subscribe(client.session(), subscription("a/c", Qos.EXACTLY_ONCE, 4));

            int reached = router.publish(message("a/b", Qos.EXACTLY_ONCE, false), "publisher").reached();

            assertThat(reached).isEqualTo(1);
            assertThat(client.received()).singleElement().satisfies(sent -> {
                assertThat(sent.publish().qos()).isEqualTo(Qos.EXACTLY_ONCE);
                assertThat(sent.publish().subscriptionIds()).containsExactlyInAnyOrder(1, 2, 3);
            });
        }

        @Test
        void theDeliveredQosIsTheLowerOfPublishedAndGranted() {
            Client client = connect("c1");
            router.subscribe(client.session(), subscription("a/+", Qos.AT_LEAST_ONCE, 0));
            router.subscribe(client.session(), subscription("a/b", Qos.EXACTLY_ONCE, 0));

            router.publish(message("a/b", Qos.AT_MOST_ONCE, false), "publisher");
            router.publish(message("a/x", Qos.EXACTLY_ONCE, false), "publisher");

            assertThat(client.received()).extracting(sent -> sent.publish().qos())
                    .containsExactly(Qos.AT_MOST_ONCE, Qos.AT_LEAST_ONCE);
            assertThat(client.received()).allSatisfy(sent -> assertThat(sent.publish().subscriptionIds()).isEmpty());
        }

        @Test
        void manySessionsWithOverlappingSubscriptionsEachReceiveOneCopy() {
            List<Client> clients = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Client client = connect("c" + i);
                router.subscribe(client.session(), subscription("x/#", Qos.AT_MOST_ONCE, 100 + i));
                router.subscribe(client.session(), subscription("x/+", Qos.AT_LEAST_ONCE, 200 + i));
                router.subscribe(client.session(), subscription("x/y", Qos.AT_MOST_ONCE, 300 + i));
                clients.add(client);
            }

            int reached = router.publish(message("x/y", Qos.EXACTLY_ONCE, false), "publisher").reached();

            assertThat(reached).isEqualTo(12);
            for (int i = 0; i < clients.size(); i++) {
                int n = i;
                assertThat(clients.get(i).received()).singleElement().satisfies(sent -> {
                    assertThat(sent.publish().qos()).isEqualTo(Qos.AT_LEAST_ONCE);
                    assertThat(sent.publish().subscriptionIds()).containsExactlyInAnyOrder(100 + n, 200 + n, 300 + n);
                });
            }
        }

        @Test
        void noLocalSkipsThePublishersOwnSubscription() {
            Client client = connect("c1");
            Client other = connect("c2");
            Subscription noLocal = new Subscription(TopicFilter.parse("chat"), Qos.AT_LEAST_ONCE, true, false,
                    RetainHandling.SEND_ALWAYS, 0);
            router.subscribe(client.session(), noLocal);
            router.subscribe(other.session(), noLocal);

            int reached = router.publish(message("chat", Qos.AT_LEAST_ONCE, false), "c1").reached();
            router.publish(message("chat", Qos.AT_LEAST_ONCE, false), "c2");

            assertThat(reached).isEqualTo(1);
            assertThat(client.received()).hasSize(1);
            assertThat(other.received()).hasSize(1);
        }

        @Test
        void anOverlappingSubscriptionWithoutNoLocalStillDeliversOwnMessages() {
            Client client = connect("c1");
            router.subscribe(client.session(), new Subscription(TopicFilter.parse("chat"), Qos.EXACTLY_ONCE, true, false,
                    RetainHandling.SEND_ALWAYS, 1));
            router.subscribe(client.session(), subscription("#", Qos.AT_MOST_ONCE, 2));

            router.publish(message("chat", Qos.EXACTLY_ONCE, false), "c1");

            assertThat(client.received()).singleElement().satisfies(sent -> {
                assertThat(sent.publish().qos()).as("only the # subscription matched").isEqualTo(Qos.AT_MOST_ONCE);
                assertThat(sent.publish().subscriptionIds()).containsExactly(2);
            });
        }

        @Test
        void retainAsPublishedKeepsTheRetainFlagOtherwiseItIsCleared() {
            Client keeps = connect("c1");
            Client clears = connect("c2");
            router.subscribe(keeps.session(), new Subscription(TopicFilter.parse("r"), Qos.AT_LEAST_ONCE, false, true,
                    RetainHandling.DO_NOT_SEND, 0));
            router.subscribe(clears.session(), subscription("r", Qos.AT_LEAST_ONCE, 0));

            router.publish(message("r", Qos.AT_LEAST_ONCE, true), "publisher");
            router.publish(message("r", Qos.AT_LEAST_ONCE, false), "publisher");

            assertThat(keeps.received()).extracting(sent -> sent.publish().retain()).containsExactly(true, false);
            assertThat(clears.received()).extracting(sent -> sent.publish().retain()).containsExactly(false, false);
        }

        @Test
        void unsubscribeStopsDelivery() {
            Client client = connect("c1");
            router.subscribe(client.session(), subscription("a", Qos.AT_LEAST_ONCE, 0));

            assertThat(router.unsubscribe(client.session(), "a")).isTrue();
            assertThat(router.unsubscribe(client.session(), "a")).isFalse();
            router.publish(message("a", Qos.AT_LEAST_ONCE, false), "publisher");

            assertThat(client.received()).isEmpty();
            assertThat(client.session().subscriptions()).isEmpty();
        }

        @Test
        void resubscribingReplacesTheSubscription() {
            Client client = connect("c1");

            assertThat(router.subscribe(client.session(), subscription("a", Qos.AT_MOST_ONCE, 1))).isFalse();
            assertThat(router.subscribe(client.session(), subscription("a", Qos.EXACTLY_ONCE, 2))).isTrue();
            router.publish(message("a", Qos.EXACTLY_ONCE, false), "publisher");

            assertThat(client.received()).singleElement().satisfies(sent -> {
                assertThat(sent.publish().qos()).isEqualTo(Qos.EXACTLY_ONCE);
                assertThat(sent.publish().subscriptionIds()).containsExactly(2);
            });
        }

        @Test
        void anEndedSessionNoLongerReceives() {
            Client old = connect("c1");
            router.subscribe(old.session(), subscription("a", Qos.AT_LEAST_ONCE, 0));

            Client fresh = new Client(registry.connect("c1", true, 300, new FakeSessionConnection("c1-new")).session(),
                    null);
            int reached = router.publish(message("a", Qos.AT_LEAST_ONCE, false), "publisher").reached();

            assertThat(reached).isZero();
            assertThat(old.received()).isEmpty();
            assertThat(fresh.session().subscriptions()).isEmpty();
        }

        @Test
        void anOfflineSessionQueuesQos1AndDropsQos0() {
            Client client = connect("c1");
            router.subscribe(client.session(), subscription("a", Qos.AT_LEAST_ONCE, 0));
            disconnect(client);

            router.publish(message("a", Qos.AT_LEAST_ONCE, false), "publisher");
            router.publish(message("a", Qos.AT_MOST_ONCE, false), "publisher");

            assertThat(client.session().queuedMessages()).isEqualTo(1);
        }
    }

    @Nested
    class Shared {

        @Test
        void eachMessageGoesToExactlyOneMemberRoundRobin() {
            Client first = connect("c1");
            Client second = connect("c2");
            router.subscribe(first.session(), subscription("$share/g/jobs/+", Qos.AT_LEAST_ONCE, 0));
            router.subscribe(second.session(), subscription("$share/g/jobs/+", Qos.AT_LEAST_ONCE, 0));

            List<Integer> reached = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                reached.add(router.publish(message("jobs/" + i, Qos.AT_LEAST_ONCE, false), "publisher").reached());
            }

            assertThat(reached).containsOnly(1);
            assertThat(first.connection().topics()).hasSize(3);
            assertThat(second.connection().topics()).hasSize(3);
            List<String> all = new ArrayList<>(first.connection().topics());
            all.addAll(second.connection().topics());
            assertThat(all).containsExactlyInAnyOrder("jobs/0", "jobs/1", "jobs/2", "jobs/3", "jobs/4", "jobs/5");
            assertThat(List.of(first.connection().topics(), second.connection().topics())).as("alternating")
                    .containsExactlyInAnyOrder(List.of("jobs/0", "jobs/2", "jobs/4"), List.of("jobs/1", "jobs/3", "jobs/5"));
        }

        @Test
        void eachGroupReceivesItsOwnCopy() {
            Client first = connect("c1");
            Client second = connect("c2");
            router.subscribe(first.session(), subscription("$share/g1/t", Qos.AT_LEAST_ONCE, 0));
            router.subscribe(second.session(), subscription("$share/g2/t", Qos.AT_LEAST_ONCE, 0));

            int reached = router.publish(message("t", Qos.AT_LEAST_ONCE, false), "publisher").reached();

            assertThat(reached).isEqualTo(2);
            assertThat(first.received()).hasSize(1);
            assertThat(second.received()).hasSize(1);
        }

        @Test
        void sharedAndNonSharedSubscriptionsOfOneSessionBothDeliver() {
            Client client = connect("c1");
            router.subscribe(client.session(), subscription("$share/g/t", Qos.AT_LEAST_ONCE, 1));
            router.subscribe(client.session(), subscription("t", Qos.AT_MOST_ONCE, 2));

            int reached = router.publish(message("t", Qos.AT_LEAST_ONCE, false), "publisher").reached();

            assertThat(reached).isEqualTo(2);
            assertThat(client.received()).extracting(sent -> sent.publish().qos())
                    .containsExactlyInAnyOrder(Qos.AT_LEAST_ONCE, Qos.AT_MOST_ONCE);
            assertThat(client.received()).extracting(sent -> sent.publish().subscriptionIds()[0])
                    .containsExactlyInAnyOrder(1, 2);
        }

        @Test
        void connectedMembersArePreferred() {
            Client offline = connect("c1");
            Client online = connect("c2");
            router.subscribe(offline.session(), subscription("$share/g/t", Qos.AT_LEAST_ONCE, 0));
            router.subscribe(online.session(), subscription("$share/g/t", Qos.AT_LEAST_ONCE, 0));
            disconnect(offline);

            for (int i = 0; i < 4; i++) {
                router.publish(message("t", Qos.AT_LEAST_ONCE, false), "publisher");
            }

            assertThat(online.received()).hasSize(4);
            assertThat(offline.session().queuedMessages()).isZero();
        }

        @Test
        void anAllOfflineGroupStillQueuesEachMessageOnce() {
            Client first = connect("c1");
            Client second = connect("c2");
            router.subscribe(first.session(), subscription("$share/g/t", Qos.AT_LEAST_ONCE, 0));
            router.subscribe(second.session(), subscription("$share/g/t", Qos.AT_LEAST_ONCE, 0));
            disconnect(first);
            disconnect(second);

            for (int i = 0; i < 4; i++) {
                router.publish(message("t", Qos.AT_LEAST_ONCE, false), "publisher");
            }

            assertThat(first.session().queuedMessages() + second.session().queuedMessages()).isEqualTo(4);
        }

        @Test
        void leavingTheGroupStopsDeliveryToThatMember() {
            Client first = connect("c1");
            Client second = connect("c2");
            router.subscribe(first.session(), subscription("$share/g/t", Qos.AT_LEAST_ONCE, 0));
            router.subscribe(second.session(), subscription("$share/g/t", Qos.AT_LEAST_ONCE, 0));

            assertThat(router.unsubscribe(first.session(), "$share/g/t")).isTrue();
            for (int i = 0; i < 3; i++) {
                router.publish(message("t", Qos.AT_LEAST_ONCE, false), "publisher");
            }

            assertThat(first.received()).isEmpty();
            assertThat(second.received()).hasSize(3);

            assertThat(router.unsubscribe(second.session(), "$share/g/t")).isTrue();
            assertThat(router.publish(message("t", Qos.AT_LEAST_ONCE, false), "publisher").reached()).isZero();
        }
    }

    @Nested
    class Retained {

        private Client subscriber;

        private void retain(String topic, Qos qos) {
            router.publish(message(topic, qos, true), "publisher");
        }

        private void subscribeAndSendRetained(Subscription subscription) {
            boolean existed = router.subscribe(subscriber.session(), subscription);
            router.sendRetained(subscriber.session(), subscription, existed);
        }

        @org.junit.jupiter.api.BeforeEach
        void connectSubscriber() {
            subscriber = connect("sub");
        }

        @Test
        void retainHandling0SendsAtEverySubscribe() {
            retain("r/1", Qos.AT_LEAST_ONCE);
            Subscription subscription = new Subscription(TopicFilter.parse("r/+"), Qos.EXACTLY_ONCE, false, false,
                    RetainHandling.SEND_ALWAYS, 9);

            subscribeAndSendRetained(subscription);
            subscribeAndSendRetained(subscription);

            assertThat(subscriber.received()).hasSize(2).allSatisfy(sent -> {
                assertThat(sent.topic()).isEqualTo("r/1");
                assertThat(sent.publish().retain()).as("retained messages keep RETAIN at subscribe").isTrue();
                assertThat(sent.publish().qos()).isEqualTo(Qos.AT_LEAST_ONCE);
                assertThat(sent.publish().subscriptionIds()).containsExactly(9);
            });
        }

        @Test
        void retainHandling1SendsOnlyForANewSubscription() {
            retain("r/1", Qos.AT_LEAST_ONCE);
            Subscription subscription = new Subscription(TopicFilter.parse("r/#"), Qos.AT_LEAST_ONCE, false, false,
                    RetainHandling.SEND_IF_NEW, 0);

            subscribeAndSendRetained(subscription);
            subscribeAndSendRetained(subscription);

            assertThat(subscriber.received()).hasSize(1);
        }

        @Test
        void retainHandling2NeverSends() {
            retain("r/1", Qos.AT_LEAST_ONCE);

            subscribeAndSendRetained(new Subscription(TopicFilter.parse("r/#"), Qos.AT_LEAST_ONCE, false, false,
                    RetainHandling.DO_NOT_SEND, 0));

            assertThat(subscriber.received()).isEmpty();
        }

        @Test
        void sharedSubscriptionsGetNoRetainedMessages() {
            retain("r/1", Qos.AT_LEAST_ONCE);

            subscribeAndSendRetained(subscription("$share/g/r/#", Qos.AT_LEAST_ONCE, 0));

            assertThat(subscriber.received()).isEmpty();
        }

        @Test
        void retainedQosIsCappedByTheGrantedQos() {
            retain("r/1", Qos.EXACTLY_ONCE);

            subscribeAndSendRetained(subscription("r/1", Qos.AT_MOST_ONCE, 0));

            assertThat(subscriber.received()).singleElement()
                    .satisfies(sent -> assertThat(sent.publish().qos()).isEqualTo(Qos.AT_MOST_ONCE));
        }

        @Test
        void anEmptyRetainedPayloadClearsTheTopicButIsStillRouted() {
            retain("r/1", Qos.AT_LEAST_ONCE);
            router.subscribe(subscriber.session(), subscription("r/1", Qos.AT_LEAST_ONCE, 0));

            router.publish(new Message("r/1", new byte[0], Qos.AT_LEAST_ONCE, true,
                    io.thingbus.messaging.MessageProperties.NONE, "publisher", clock.millis(), Message.NEVER_EXPIRES), "publisher");

            assertThat(retained.get("r/1")).isEmpty();
            assertThat(subscriber.received()).hasSize(1);
        }

        @Test
        void expiredRetainedMessagesAreNotSentAndAreRemoved() {
            long now = clock.millis();
            for (int i = 0; i < 6; i++) {
                long expiresAt = i % 2 == 0 ? now + 1_000 : Message.NEVER_EXPIRES;
                retained.put(new Message("r/" + i, new byte[] {1}, Qos.AT_LEAST_ONCE, true,
                        io.thingbus.messaging.MessageProperties.NONE, "publisher", now, expiresAt));
            }
            clock.advance(Duration.ofSeconds(1));

            subscribeAndSendRetained(subscription("r/+", Qos.AT_LEAST_ONCE, 0));

            assertThat(subscriber.connection().topics()).containsExactlyInAnyOrder("r/1", "r/3", "r/5");
            assertThat(retained.size()).isEqualTo(3);
        }
    }

    @Test
    void aWillIsRoutedLikeAMessageFromTheHub() {
        Client client = connect("c1");
        router.subscribe(client.session(), new Subscription(TopicFilter.parse("wills/#"), Qos.AT_LEAST_ONCE, true, false,
                RetainHandling.SEND_ALWAYS, 0));

        router.publishWill(message("wills/c1", Qos.AT_LEAST_ONCE, false));

        assertThat(client.connection().topics()).containsExactly("wills/c1");
    }
}
