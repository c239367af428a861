package io.thingbus.sim.bench.scenario;

import io.thingbus.sim.bench.client.BenchConnection;
import io.thingbus.sim.bench.client.PublishEncoder;
import io.thingbus.sim.bench.load.SendObserver;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Who publishes what in a publishing run.
 *
 * @param encoders the encoder (topic, QoS, payload size) of publisher i
 * @param ratePerPublisher messages per second each publisher sends
 * @param deliveriesPerMessage subscribers that should receive each message
 * @param observer told of each message sent, besides the run's own counting
 */
record PublishPlan(List<BenchConnection> publishers, IntFunction<PublishEncoder> encoders,
        double ratePerPublisher, long deliveriesPerMessage, SendObserver observer) {

    /** A plan whose messages need no observer beyond the run's counting. */
    PublishPlan(List<BenchConnection> publishers, IntFunction<PublishEncoder> encoders, double ratePerPublisher,
            long deliveriesPerMessage) {
        this(publishers, encoders, ratePerPublisher, deliveriesPerMessage, intendedNanos -> { });
    }
}
