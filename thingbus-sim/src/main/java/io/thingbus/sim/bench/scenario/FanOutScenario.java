package io.thingbus.sim.bench.scenario;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.thingbus.sim.bench.client.PublishEncoder;
import io.thingbus.sim.bench.load.DeliveryCompletionTracker;
import io.thingbus.sim.bench.load.DeliveryStats;
import io.thingbus.sim.bench.load.LatencyRecorder;
import io.thingbus.sim.bench.load.RampResult;
import io.thingbus.sim.bench.load.SendObserver;
import io.thingbus.sim.bench.report.ScenarioResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fan-out (commands, notifications): one publisher at a fixed rate to N subscribers of one topic.
 * Reports deliveries per second, the latency of every delivery and, per message, the time until
 * its last subscriber had it.
 */
public final class FanOutScenario implements Scenario {

    /** @param rate messages per second from the one publisher */
    public record Settings(int subscribers, double rate, MqttQoS qos, int payloadSize, String topic,
            PhaseSettings phases) {

        public Settings {
            if (!(rate > 0) || subscribers < 1) {
                throw new IllegalArgumentException("fan-out needs a positive rate and at least one subscriber");
            }
        }
    }

    /** Messages whose deliveries are counted at once: far more than can be in flight. */
    private static final int TRACKED_MESSAGES = 1 << 16;

    private final Settings settings;

    public FanOutScenario(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("subscribers", Integer.toString(settings.subscribers()));
        parameters.put("rate", Double.toString(settings.rate()));
        parameters.put("qos", Integer.toString(settings.qos().value()));
        parameters.put("payloadSize", Integer.toString(settings.payloadSize()));
        parameters.put("topic", settings.topic());
        parameters.put("warmup", settings.phases().warmup().toString());
        parameters.put("duration", settings.phases().duration().toString());
        return parameters;
    }

    @Override
    public ScenarioResult run(ScenarioEnvironment environment) {
        ScenarioResults results = new ScenarioResults(this, environment.clients().describeTarget());
        MessagingRun run = new MessagingRun(environment, settings.phases());
        DeliveryStats deliveries = new DeliveryStats();
        LatencyRecorder lastDelivery = new LatencyRecorder();
        LastDeliveryListener listener = new LastDeliveryListener(deliveries, lastDelivery);

        RampResult subscribers = run.connectSubscribers(settings.subscribers(), i -> settings.topic(), settings.qos(),
                listener);
        environment.rampProblem("subscribers", subscribers).ifPresent(results::problem);
        RampResult publishers = run.connectPublishers(1);
        environment.rampProblem("publishers", publishers).ifPresent(results::problem);
        if (subscribers.ready().isEmpty() || publishers.ready().isEmpty()) {
            return results.problem("nothing to measure: no subscriber or no publisher connected").result();
        }

        int receivers = subscribers.ready().size();
        DeliveryCompletionTracker completions = new DeliveryCompletionTracker(TRACKED_MESSAGES, receivers);
        listener.track(completions);
        SendObserver expectDeliveries = new SendObserver() {
            @Override
            public void beforeSend(long sequence) {
                completions.expect(sequence);
            }

            @Override
            public void sent(long intendedNanos) {
            }
        };
        PublishPlan plan = new PublishPlan(publishers.ready(),
                i -> new PublishEncoder(settings.topic(), settings.qos(), environment.clients().session().version(),
                        settings.payloadSize()),
                settings.rate(), receivers, expectDeliveries);
        MessagingOutcome outcome = run.publishAndMeasure(plan, deliveries);
        return results.figures(outcome.figures("deliveries", "deliveries/s"))
                .figures(LatencyFigures.of("last-delivery-", lastDelivery.total()))
                .problems(outcome.problems())
                .notes(outcome.notes())
                .result();
    }
}
