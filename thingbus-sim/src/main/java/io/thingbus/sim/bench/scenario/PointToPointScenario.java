package io.thingbus.sim.bench.scenario;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.thingbus.sim.bench.client.PublishEncoder;
import io.thingbus.sim.bench.load.DeliveryStats;
import io.thingbus.sim.bench.load.RampResult;
import io.thingbus.sim.bench.report.ScenarioResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Point to point (cloud to device): N pairs, each a publisher writing to its own device's topic
 * {@code devices/ID/messages/devicebound/bench}, read by that device's subscriber to
 * {@code devices/ID/messages/devicebound/#}.
 */
public final class PointToPointScenario implements Scenario {

    /** @param ratePerPair messages per second each publisher sends to its device */
    public record Settings(int pairs, double ratePerPair, MqttQoS qos, int payloadSize, PhaseSettings phases) {

        public Settings {
            if (!(ratePerPair > 0) || pairs < 1) {
                throw new IllegalArgumentException("p2p needs a positive rate and at least one pair");
            }
        }
    }

    private final Settings settings;

    public PointToPointScenario(Settings settings) {
        this.settings = settings;
    }

    /** The id of device {@code index}. */
    static String deviceId(int index) {
        return "bench-device-" + index;
    }

    /** The cloud-to-device topic family of a device, as the device contract names it. */
    static String deviceboundTopic(String deviceId) {
        return "devices/" + deviceId + "/messages/devicebound";
    }

    @Override
    public String name() {
        return "p2p";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("pairs", Integer.toString(settings.pairs()));
        parameters.put("ratePerPair", Double.toString(settings.ratePerPair()));
        parameters.put("qos", Integer.toString(settings.qos().value()));
        parameters.put("payloadSize", Integer.toString(settings.payloadSize()));
        parameters.put("warmup", settings.phases().warmup().toString());
        parameters.put("duration", settings.phases().duration().toString());
        return parameters;
    }

    @Override
    public ScenarioResult run(ScenarioEnvironment environment) {
        ScenarioResults results = new ScenarioResults(this, environment.clients().describeTarget());
        MessagingRun run = new MessagingRun(environment, settings.phases());
        DeliveryStats deliveries = new DeliveryStats();

        RampResult devices = run.connectSubscribers(settings.pairs(),
                i -> deviceboundTopic(deviceId(i)) + "/#", settings.qos(), deliveries::onDelivery);
        environment.rampProblem("devices", devices).ifPresent(results::problem);
        RampResult senders = run.connectPublishers(settings.pairs());
        environment.rampProblem("senders", senders).ifPresent(results::problem);
        if (devices.ready().isEmpty() || senders.ready().isEmpty()) {
            return results.problem("nothing to measure: no device or no sender connected").result();
        }

        PublishPlan plan = new PublishPlan(senders.ready(),
                i -> new PublishEncoder(deviceboundTopic(deviceId(i)) + "/bench", settings.qos(),
                        environment.clients().session().version(), settings.payloadSize()),
                settings.ratePerPair(), 1);
        MessagingOutcome outcome = run.publishAndMeasure(plan, deliveries);
        return results.figures(outcome.figures("throughput", "msg/s"))
                .problems(outcome.problems())
                .notes(outcome.notes())
                .result();
    }
}
