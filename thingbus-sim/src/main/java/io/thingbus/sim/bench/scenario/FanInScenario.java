package io.thingbus.sim.bench.scenario;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.thingbus.sim.bench.client.BenchConnection;
import io.thingbus.sim.bench.client.BrokerRefusedException;
import io.thingbus.sim.bench.client.InboundPublishListener;
import io.thingbus.sim.bench.client.PublishEncoder;
import io.thingbus.sim.bench.load.DeliveryStats;
import io.thingbus.sim.bench.load.RampResult;
import io.thingbus.sim.bench.report.ScenarioResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fan-in (telemetry): P publishers, each at a fixed rate on its own topic {@code PREFIX/i}, read by
 * C consumers. With more than one consumer they share the subscription
 * {@code $share/bench/PREFIX/#}; a broker that refuses shared subscriptions gets one plain
 * subscriber instead, and the result says so.
 */
public final class FanInScenario implements Scenario {

    /**
     * @param ratePerPublisher messages per second per publisher
     * @param topicPrefix publishers' topics are {@code topicPrefix/0}, {@code topicPrefix/1}, ...
     */
    public record Settings(int publishers, double ratePerPublisher, MqttQoS qos, int payloadSize, int consumers,
            String topicPrefix, PhaseSettings phases) {

        public Settings {
            if (!(ratePerPublisher > 0) || publishers < 1 || consumers < 1) {
                throw new IllegalArgumentException("fan-in needs a positive rate, at least one publisher and one consumer");
            }
        }
    }

    private static final String SHARE_GROUP = "bench";

    private final Settings settings;

    public FanInScenario(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "fanin";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("publishers", Integer.toString(settings.publishers()));
        parameters.put("ratePerPublisher", Double.toString(settings.ratePerPublisher()));
        parameters.put("qos", Integer.toString(settings.qos().value()));
        parameters.put("payloadSize", Integer.toString(settings.payloadSize()));
        parameters.put("consumers", Integer.toString(settings.consumers()));
        parameters.put("topicPrefix", settings.topicPrefix());
        parameters.put("warmup", settings.phases().warmup().toString());
        parameters.put("duration", settings.phases().duration().toString());
        return parameters;
    }

    @Override
    public ScenarioResult run(ScenarioEnvironment environment) {
        ScenarioResults results = new ScenarioResults(this, environment.clients().describeTarget());
        MessagingRun run = new MessagingRun(environment, settings.phases());
        DeliveryStats deliveries = new DeliveryStats();

        int consumers = settings.consumers();
        String filter = settings.topicPrefix() + "/#";
        if (consumers > 1) {
            String sharedFilter = "$share/" + SHARE_GROUP + "/" + filter;
            if (sharedSubscriptionRefused(run, environment, sharedFilter)) {
                results.note("the broker refused the shared subscription " + sharedFilter
                        + ": one plain subscriber consumed everything instead of " + consumers);
                consumers = 1;
            } else {
                filter = sharedFilter;
            }
        }
        String subscription = filter;
        RampResult subscribers = run.connectSubscribers(consumers, i -> subscription, settings.qos(),
                deliveries::onDelivery);
        environment.rampProblem("consumers", subscribers).ifPresent(results::problem);
        RampResult publishers = run.connectPublishers(settings.publishers());
        environment.rampProblem("publishers", publishers).ifPresent(results::problem);
        if (subscribers.ready().isEmpty() || publishers.ready().isEmpty()) {
            return results.problem("nothing to measure: no consumer or no publisher connected").result();
        }

        PublishPlan plan = new PublishPlan(publishers.ready(),
                i -> new PublishEncoder(settings.topicPrefix() + "/" + i, settings.qos(),
                        environment.clients().session().version(), settings.payloadSize()),
                settings.ratePerPublisher(), 1);
        MessagingOutcome outcome = run.publishAndMeasure(plan, deliveries);
        return results.figures(outcome.figures("throughput", "msg/s"))
                .problems(outcome.problems())
                .notes(outcome.notes())
                .result();
    }

    /** Tries the shared subscription with one probe connection; true only if the broker refused it. */
    private static boolean sharedSubscriptionRefused(MessagingRun run, ScenarioEnvironment environment,
            String sharedFilter) {
        long timeoutMillis = environment.rampSettings().readyTimeout().toMillis();
        try {
            BenchConnection probe = run.openSubscriber(sharedFilter, MqttQoS.AT_MOST_ONCE, InboundPublishListener.NONE)
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            environment.clients().disconnect(List.of(probe), environment.rampSettings().readyTimeout());
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof BrokerRefusedException refused && refused.packet().equals("SUBSCRIBE");
        } catch (TimeoutException e) {
            return false; // the consumers' own ramp will report the broker's silence
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
