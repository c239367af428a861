package io.thingbus.mqtt.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.Qos;
import io.thingbus.mqtt.testing.FakeSessionConnection;
import io.thingbus.mqtt.testing.FakeSessionConnection.Sent;
import io.thingbus.mqtt.testing.Messages;
import io.thingbus.mqtt.testing.MutableClock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Outbound flow control and QoS state of one session (MQTT 5 sections 4.3, 4.4, 4.9). */
class SessionTest {

    private final MutableClock clock = new MutableClock();
    private final Session session = new Session("device-1", 100, clock);

    private static OutboundPublish publish(String topic, Qos qos) {
        return OutboundPublish.of(Messages.message(topic, topic, qos), qos, false);
    }

    @Test
    void neverHasMoreThanReceiveMaximumInFlightAndDrainsTheQueueOnPubAck() {
        FakeSessionConnection connection = new FakeSessionConnection("c1", 2);
        session.attach(connection);
        Set<Integer> inFlight = new HashSet<>();

        for (int i = 1; i <= 5; i++) {
            session.deliver(publish("m" + i, Qos.AT_LEAST_ONCE));
        }
        connection.packetIds().forEach(inFlight::add);
        assertThat(connection.topics()).containsExactly("m1", "m2");
        assertThat(session.queuedMessages()).isEqualTo(3);

        int acknowledged = 0;
        while (acknowledged < connection.publishes().size()) {
            Sent oldest = connection.publishes().get(acknowledged++);
            assertThat(session.onPubAck(oldest.packetId())).isTrue();
            inFlight.remove(oldest.packetId());
            connection.packetIds().subList(acknowledged, connection.publishes().size()).forEach(inFlight::add);
            assertThat(inFlight).as("in flight after %d PUBACKs", acknowledged).hasSizeLessThanOrEqualTo(2);
        }

        assertThat(connection.topics()).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(connection.publishes()).allSatisfy(sent -> assertThat(sent.duplicate()).isFalse());
        assertThat(session.queuedMessages()).isZero();
    }

    @Test
    void qos2FlowsThroughPubRecPubRelPubCompAndOnlyPubCompFreesTheWindow() {
        FakeSessionConnection connection = new FakeSessionConnection("c1", 1);
        session.attach(connection);
        session.deliver(publish("first", Qos.EXACTLY_ONCE));
        session.deliver(publish("second", Qos.EXACTLY_ONCE));
        int first = connection.packetIds().get(0);

        assertThat(session.onPubComp(first)).as("PUBCOMP before PUBREC").isFalse();
        assertThat(session.onPubAck(first)).as("PUBACK for a QoS 2 message").isFalse();
        assertThat(session.onPubRec(first, true)).isTrue();
        assertThat(connection.pubRels()).containsExactly(first);
        assertThat(connection.topics()).as("still waiting for PUBCOMP").containsExactly("first");

        assertThat(session.onPubComp(first)).isTrue();
        assertThat(connection.topics()).containsExactly("first", "second");
        assertThat(session.onPubComp(first)).as("already completed").isFalse();
    }

    @Test
    void aPubRecWithAnErrorCodeEndsTheQos2DeliveryWithoutPubRel() {
        FakeSessionConnection connection = new FakeSessionConnection("c1", 1);
        session.attach(connection);
        session.deliver(publish("first", Qos.EXACTLY_ONCE));
        session.deliver(publish("second", Qos.EXACTLY_ONCE));
        int first = connection.packetIds().get(0);

        assertThat(session.onPubRec(first, false)).isTrue();

        assertThat(connection.pubRels()).isEmpty();
        assertThat(connection.topics()).containsExactly("first", "second");
        assertThat(session.onPubComp(first)).isFalse();
    }

    @Test
    void acknowledgementsForUnknownOrMismatchedPacketIdsAreRefused() {
        FakeSessionConnection connection = new FakeSessionConnection("c1");
        session.attach(connection);
        session.deliver(publish("q1", Qos.AT_LEAST_ONCE));
        int qos1 = connection.packetIds().get(0);

        assertThat(session.onPubAck(qos1 + 1)).isFalse();
        assertThat(session.onPubRec(qos1, true)).as("PUBREC for a QoS 1 message").isFalse();
        assertThat(session.onPubComp(qos1)).isFalse();
        assertThat(connection.pubRels()).isEmpty();
        assertThat(session.onPubAck(qos1)).isTrue();
    }

    @Test
    void packetIdsAreDistinctWhileInFlightAndReusedOnlyOnceFree() {
        FakeSessionConnection connection = new FakeSessionConnection("c1");
        session.attach(connection);
        for (int i = 0; i < 3; i++) {
            session.deliver(publish("m" + i, Qos.AT_LEAST_ONCE));
        }

        assertThat(connection.packetIds()).containsExactly(1, 2, 3).doesNotContain(0);
    }

    @Test
    void attachRedeliversWhatWasInFlightWithDupThenDrainsTheQueue() {
        FakeSessionConnection first = new FakeSessionConnection("c1", 3);
        session.attach(first);
        session.deliver(publish("q1-a", Qos.AT_LEAST_ONCE));
        session.deliver(publish("q2-released", Qos.EXACTLY_ONCE));
        session.deliver(publish("q2-unreceived", Qos.EXACTLY_ONCE));
        int released = first.packetIds().get(1);
        session.onPubRec(released, true);
        assertThat(session.detach(first)).isTrue();
        session.deliver(publish("queued-offline", Qos.AT_LEAST_ONCE));

        FakeSessionConnection second = new FakeSessionConnection("c2", 10);
        session.attach(second);

        assertThat(second.publishes()).extracting(Sent::topic, Sent::packetId, Sent::duplicate).containsExactly(
                org.assertj.core.groups.Tuple.tuple("q1-a", first.packetIds().get(0), true),
                org.assertj.core.groups.Tuple.tuple("q2-unreceived", first.packetIds().get(2), true),
                org.assertj.core.groups.Tuple.tuple("queued-offline", 4, false));
        assertThat(second.pubRels()).as("PUBREL resent for the PUBREC'd message").containsExactly(released);
        assertThat(session.onPubComp(released)).isTrue();
    }

    @Test
    void detachOnlyUnbindsTheExpectedConnection() {
        FakeSessionConnection current = new FakeSessionConnection("c1");
        session.attach(current);

        assertThat(session.detach(new FakeSessionConnection("stale"))).isFalse();
        assertThat(session.isConnected()).isTrue();
        assertThat(session.detach(current)).isTrue();
        assertThat(session.isConnected()).isFalse();
        assertThat(session.detach(current)).isFalse();
    }

    @Test
    void aFullQueueDropsNewMessagesAndCountsThem() {
        Session small = new Session("device-2", 3, clock);
        for (int i = 1; i <= 5; i++) {
            small.deliver(publish("m" + i, Qos.AT_LEAST_ONCE));
        }

        assertThat(small.queuedMessages()).isEqualTo(3);
        assertThat(small.droppedMessages()).isEqualTo(2);

        FakeSessionConnection connection = new FakeSessionConnection("c1");
        small.attach(connection);
        assertThat(connection.topics()).as("the oldest are kept").containsExactly("m1", "m2", "m3");
    }

    @Test
    void theQueueLimitCountsOnlyMessagesBeyondTheReceiveWindow() {
        Session small = new Session("device-2", 1, clock);
        FakeSessionConnection connection = new FakeSessionConnection("c1", 2);
        small.attach(connection);
        for (int i = 1; i <= 4; i++) {
            small.deliver(publish("m" + i, Qos.AT_LEAST_ONCE));
        }

        assertThat(connection.topics()).containsExactly("m1", "m2");
        assertThat(small.queuedMessages()).isEqualTo(1);
        assertThat(small.droppedMessages()).isEqualTo(1);
    }

    @Test
    void expiredMessagesAreNeitherQueuedNorSent() {
        long now = clock.millis();
        session.deliver(new OutboundPublish(Messages.expiring("expires-soon", Qos.AT_LEAST_ONCE, now, now + 1_000),
                Qos.AT_LEAST_ONCE, false, new int[0]));
        session.deliver(publish("lasting", Qos.AT_LEAST_ONCE));
        assertThat(session.queuedMessages()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        session.deliver(new OutboundPublish(Messages.expiring("already-expired", Qos.AT_LEAST_ONCE, now, now + 1_000),
                Qos.AT_LEAST_ONCE, false, new int[0]));
        assertThat(session.queuedMessages()).isEqualTo(2);

        FakeSessionConnection connection = new FakeSessionConnection("c1");
        session.attach(connection);

        assertThat(connection.topics()).containsExactly("lasting");
    }

    @Test
    void qos0IsSentWithoutPacketIdWhenConnectedAndDroppedOtherwise() {
        session.deliver(publish("offline", Qos.AT_MOST_ONCE));
        assertThat(session.queuedMessages()).isZero();

        FakeSessionConnection connection = new FakeSessionConnection("c1");
        session.attach(connection);
        session.deliver(publish("online", Qos.AT_MOST_ONCE));
        connection.setWritable(false);
        session.deliver(publish("not-writable", Qos.AT_MOST_ONCE));

        assertThat(connection.publishes()).extracting(Sent::topic, Sent::packetId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("online", 0));
    }

    @Test
    void qos1IsQueuedNotDroppedWhileTheSocketIsNotWritable() {
        FakeSessionConnection connection = new FakeSessionConnection("c1");
        session.attach(connection);
        connection.setWritable(false);

        session.deliver(publish("q1", Qos.AT_LEAST_ONCE));

        assertThat(connection.topics()).containsExactly("q1");
    }

    @Test
    void aPublishTooLargeForTheClientIsDiscardedAndFreesItsSlot() {
        FakeSessionConnection connection = new FakeSessionConnection("c1", 1);
        connection.refusePayloadsAbove(3);
        session.attach(connection);

        session.deliver(OutboundPublish.of(new Message("big", new byte[10], Qos.AT_LEAST_ONCE, false,
                io.thingbus.messaging.MessageProperties.NONE, "p", clock.millis(), Message.NEVER_EXPIRES),
                Qos.AT_LEAST_ONCE, false));
        session.deliver(publish("ok", Qos.AT_LEAST_ONCE));

        assertThat(connection.topics()).containsExactly("ok");
        assertThat(session.queuedMessages()).isZero();
    }

    @Test
    void inboundQos2PacketIdsDetectResentPublishesUntilReleased() {
        assertThat(session.isInboundQos2Pending(7)).isFalse();
        assertThat(session.beginInboundQos2(7)).isTrue();
        assertThat(session.isInboundQos2Pending(7)).isTrue();
        assertThat(session.beginInboundQos2(7)).as("a resent PUBLISH").isFalse();
        assertThat(session.beginInboundQos2(8)).isTrue();

        assertThat(session.releaseInboundQos2(7)).isTrue();
        assertThat(session.releaseInboundQos2(7)).as("PUBREL resent").isFalse();
        assertThat(session.isInboundQos2Pending(7)).isFalse();
        assertThat(session.isInboundQos2Pending(8)).isTrue();
        assertThat(session.beginInboundQos2(7)).as("the id is free again").isTrue();
    }

    @Test
    void anInFlightMessageTooLargeForTheNewConnectionIsDiscardedOnReconnectAndFreesItsSlot() {
        FakeSessionConnection first = new FakeSessionConnection("c1", 1);
        session.attach(first);
        session.deliver(OutboundPublish.of(Messages.message("big", "a-rather-long-payload", Qos.AT_LEAST_ONCE),
                Qos.AT_LEAST_ONCE, false));
        session.detach(first);

        FakeSessionConnection second = new FakeSessionConnection("c2", 1);
        second.refusePayloadsAbove(4);
        session.attach(second);
        session.deliver(publish("next", Qos.AT_LEAST_ONCE));

        assertThat(second.topics()).containsExactly("next");
    }
}
