package io.thingbus.sim.bench.scenario;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.thingbus.sim.bench.client.BenchConnection;
import io.thingbus.sim.bench.client.ClientRole;
import io.thingbus.sim.bench.client.InboundPublishListener;
import io.thingbus.sim.bench.client.PublishEncoder;
import io.thingbus.sim.bench.load.DeliveryStats;
import io.thingbus.sim.bench.load.FixedRatePublisher;
import io.thingbus.sim.bench.load.MeasurementWindow;
import io.thingbus.sim.bench.load.PacingSchedule;
import io.thingbus.sim.bench.load.PhaseTimer;
import io.thingbus.sim.bench.load.PublishStats;
import io.thingbus.sim.bench.load.RampResult;
import io.thingbus.sim.bench.load.SendObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The course shared by the publishing scenarios (fan-in, fan-out, p2p), which differ only in who
 * subscribes to what and who publishes where: connect subscribers, connect publishers, publish at
 * a fixed rate through warm-up and measurement, stop, and let late deliveries drain. Runs on the
 * control thread.
 */
final class MessagingRun {

    /** Publishing starts this long after the publishers are set up, so all start on schedule. */
    private static final long START_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** The drain ends early once deliveries stop arriving for this long. */
    private static final long DRAIN_STALL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ScenarioEnvironment environment;
    private final PhaseSettings phases;
    private int nextSubscriber;
    private int nextPublisher;

    MessagingRun(ScenarioEnvironment environment, PhaseSettings phases) {
        this.environment = environment;
        this.phases = phases;
    }

    /** Connects one subscriber and subscribes it; completes once SUBACK granted the subscription. */
    CompletableFuture<BenchConnection> openSubscriber(String topicFilter, MqttQoS qos, InboundPublishListener listener) {
        BenchConnection connection = environment.connect(ClientRole.SUBSCRIBER, nextSubscriber++, listener);
        return connection.connected()
                .thenCompose(ready -> ready.subscribe(topicFilter, qos))
                .thenApply(granted -> connection);
    }

    /** Connects and subscribes {@code count} subscribers, the i-th to {@code topicFilter(i)}. */
    RampResult connectSubscribers(int count, IntFunction<String> topicFilter, MqttQoS qos,
            InboundPublishListener listener) {
        return environment.ramp().open("subscribers", count,
                i -> openSubscriber(topicFilter.apply(i), qos, listener));
    }

    /** Connects {@code count} publishers. */
    RampResult connectPublishers(int count) {
        return environment.ramp().open("publishers", count,
                i -> environment.connect(ClientRole.PUBLISHER, nextPublisher++, InboundPublishListener.NONE)
                        .connected());
    }

    /** Publishes per {@code plan} through warm-up, measurement and drain, and reports the window. */
    MessagingOutcome publishAndMeasure(PublishPlan plan, DeliveryStats deliveries) {
        PublishStats published = new PublishStats();
        SendObserver observer = new SendObserver() {
            @Override
            public void beforeSend(long sequence) {
                plan.observer().beforeSend(sequence);
            }

            @Override
            public void sent(long intendedNanos) {
                published.sent(intendedNanos);
                plan.observer().sent(intendedNanos);
            }

            @Override
            public void acknowledged() {
                published.acknowledged();
            }
        };
        long droppedBefore = environment.clients().unexpectedCloses();
        long origin = System.nanoTime() + START_LEAD_NANOS;
        long measureStart = origin + phases.warmup().toNanos();
        MeasurementWindow window = new MeasurementWindow(measureStart, measureStart + phases.duration().toNanos());
        published.measure(window);
        deliveries.measure(window);

        List<FixedRatePublisher> publishers = new ArrayList<>(plan.publishers().size());
        boolean acknowledged = false;
        for (int i = 0; i < plan.publishers().size(); i++) {
            PacingSchedule schedule = PacingSchedule.staggered(origin, plan.ratePerPublisher(), i,
                    plan.publishers().size());
            PublishEncoder encoder = plan.encoders().apply(i);
            acknowledged |= encoder.qos() != MqttQoS.AT_MOST_ONCE;
            FixedRatePublisher publisher = new FixedRatePublisher(plan.publishers().get(i), encoder,
                    schedule, observer);
            publishers.add(publisher);
            publisher.start();
        }
        Status status = new Status(publishers, window, published, deliveries);
        new PhaseTimer(environment.progress(), "warm-up").waitUntil(measureStart, status);
        new PhaseTimer(environment.progress(), "measure").waitUntil(window.endNanos(), status);
        publishers.forEach(FixedRatePublisher::stop);
        drain(published, deliveries, plan.deliveriesPerMessage(), status);

        long due = publishers.stream().mapToLong(publisher -> publisher.schedule().countWithin(window)).sum();
        OptionalLong acknowledgedInWindow = acknowledged
                ? OptionalLong.of(published.acknowledgedInWindow())
                : OptionalLong.empty();
        return new MessagingOutcome(window, due, published.sentInWindow(), acknowledgedInWindow,
                deliveries.arrivedInWindow(),
                deliveries.stampedInWindow(), plan.deliveriesPerMessage(), deliveries.latency().total(),
                environment.clients().unexpectedCloses() - droppedBefore, deliveries.unstamped());
    }

    private void drain(PublishStats published, DeliveryStats deliveries, long deliveriesPerMessage, Status status) {
        DrainProgress progress = new DrainProgress(deliveries, published.sent() * deliveriesPerMessage);
        new PhaseTimer(environment.progress(), "drain")
                .waitUntil(System.nanoTime() + phases.drain().toNanos(), progress::settled, status);
    }

    /** Whether late deliveries are done: all expected ones arrived, or none came for a while. */
    private static final class DrainProgress {
        private final DeliveryStats deliveries;
        private final long expected;
        private long lastDelivered;
        private long lastChangeNanos = System.nanoTime();

        DrainProgress(DeliveryStats deliveries, long expected) {
            this.deliveries = deliveries;
            this.expected = expected;
            this.lastDelivered = deliveries.delivered();
        }

        boolean settled() {
            long delivered = deliveries.delivered();
            long now = System.nanoTime();
            if (delivered != lastDelivered) {
                lastDelivered = delivered;
                lastChangeNanos = now;
            }
            return delivered >= expected || now - lastChangeNanos > DRAIN_STALL_NANOS;
        }
    }

    /** The once-a-second progress line: rates since the previous line, backlog, p99. */
    private final class Status implements Supplier<String> {
        private final List<FixedRatePublisher> publishers;
        private final MeasurementWindow window;
        private final PublishStats published;
        private final DeliveryStats deliveries;
        private long lastSent;
        private long lastDelivered;
        private long lastNanos = System.nanoTime();

        Status(List<FixedRatePublisher> publishers, MeasurementWindow window, PublishStats published,
                DeliveryStats deliveries) {
            this.publishers = publishers;
            this.window = window;
            this.published = published;
            this.deliveries = deliveries;
        }

        @Override
        public String get() {
            long now = System.nanoTime();
            double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
            long sent = published.sent();
            long delivered = deliveries.delivered();
            long scheduledUntil = now - window.endNanos() < 0 ? now : window.endNanos(); // publishers stop at the end
            long due = publishers.stream().mapToLong(publisher -> publisher.schedule().dueBy(scheduledUntil)).sum();
            String line = String.format(Locale.ROOT,
                    "sent %,.0f/s delivered %,.0f/s backlog %,d p99 %.2f ms dropped connections %d",
                    (sent - lastSent) / seconds, (delivered - lastDelivered) / seconds, Math.max(0, due - sent),
                    LatencyFigures.p99Millis(deliveries.latency().collectInterval()),
                    environment.clients().unexpectedCloses());
            lastSent = sent;
            lastDelivered = delivered;
            lastNanos = now;
            return line;
        }
    }
}
