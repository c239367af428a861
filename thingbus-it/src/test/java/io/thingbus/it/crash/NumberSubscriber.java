package io.thingbus.it.crash;

import java.util.List;

/**
 * A persistent-session subscriber to one numbered stream: its client id, topic filter and QoS, what its
 * application received, and the CONNACKs it saw. Subscribes exactly once, on its first connection;
 * every later connection only resumes the session.
 */
interface NumberSubscriber extends AutoCloseable {

    /** One CONNACK: the incarnation it came from and its session-present flag. */
    record Connack(int incarnation, boolean sessionPresent) {
    }

    /** What it subscribed to and what reached it. */
    ReceivedNumbers received();

    default String name() {
        return received().name();
    }

    default String topic() {
        return received().topic();
    }

    /** The QoS subscribed with, which is also the QoS every delivery must carry. */
    default int qos() {
        return received().qos();
    }

    default Deliveries deliveries() {
        return received().deliveries();
    }

    default List<Connack> connacks() {
        return received().connacks();
    }

    /** Disconnects if connected and releases the client; never throws. */
    @Override
    void close();
}
