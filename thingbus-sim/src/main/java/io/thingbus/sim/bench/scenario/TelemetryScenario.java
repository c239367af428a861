package io.thingbus.sim.bench.scenario;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.thingbus.sim.bench.client.BenchConnection;
import io.thingbus.sim.bench.client.PublishEncoder;
import io.thingbus.sim.bench.load.DeliveryStats;
import io.thingbus.sim.bench.load.RampResult;
import io.thingbus.sim.bench.report.Figure;
import io.thingbus.sim.bench.report.ScenarioResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Device telemetry as the device contract carries it: N devices, each publishing at an equal share
 * of a fixed total rate to its own {@code devices/{deviceId}/messages/events/}, consumed by C back-end
 * consumers sharing {@code $share/bench/devices/+/messages/events/#}. The device id is each
 * publisher's client id, so in device mode every device publishes on its own topic, as the hub's
 * ACL requires.
 */
public final class TelemetryScenario implements Scenario {

    /** What the consumers subscribe to: every device's telemetry, shared among them. */
    public static final String CONSUMER_FILTER = "$share/bench/devices/+/messages/events/#";

    /** @param totalRate messages per second over all devices, each sending {@code totalRate / devices} */
    public record Settings(int devices, double totalRate, MqttQoS qos, int payloadSize, int consumers,
            PhaseSettings phases) {

        public Settings {
            if (!(totalRate > 0) || devices < 1 || consumers < 1) {
                throw new IllegalArgumentException("telemetry needs a positive rate, at least one device and one consumer");
            }
        }
    }

    private final Settings settings;

    public TelemetryScenario(Settings settings) {
        this.settings = settings;
    }

    /** The telemetry topic of device {@code deviceId}, with an empty property bag. */
    public static String telemetryTopic(String deviceId) {
        return "devices/" + deviceId + "/messages/events/";
    }

    @Override
    public String name() {
        return "telemetry";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("devices", Integer.toString(settings.devices()));
        parameters.put("totalRate", Double.toString(settings.totalRate()));
        parameters.put("qos", Integer.toString(settings.qos().value()));
        parameters.put("payloadSize", Integer.toString(settings.payloadSize()));
        parameters.put("consumers", Integer.toString(settings.consumers()));
        parameters.put("warmup", settings.phases().warmup().toString());
        parameters.put("duration", settings.phases().duration().toString());
        return parameters;
    }

    @Override
    public ScenarioResult run(ScenarioEnvironment environment) {
        ScenarioResults results = new ScenarioResults(this, environment.clients().describeTarget());
        MessagingRun run = new MessagingRun(environment, settings.phases());
        DeliveryStats deliveries = new DeliveryStats();

        RampResult consumers = run.connectSubscribers(settings.consumers(), i -> CONSUMER_FILTER, settings.qos(),
                deliveries::onDelivery);
        environment.rampProblem("consumers", consumers).ifPresent(results::problem);
        RampResult devices = run.connectPublishers(settings.devices());
        environment.rampProblem("devices", devices).ifPresent(results::problem);
        if (consumers.ready().isEmpty() || devices.ready().isEmpty()) {
            return results.problem("nothing to measure: no consumer or no device connected").result();
        }

        List<BenchConnection> publishers = devices.ready();
        PublishPlan plan = new PublishPlan(publishers,
                i -> new PublishEncoder(telemetryTopic(publishers.get(i).clientId()), settings.qos(),
                        environment.clients().session().version(), settings.payloadSize()),
                settings.totalRate() / settings.devices(), 1);
        MessagingOutcome outcome = run.publishAndMeasure(plan, deliveries);
        return results.figures(outcome.figures("throughput", "msg/s"))
                .figure(new Figure("connect-rate", devices.readyPerSecond(), "conn/s", Figure.Better.HIGHER))
                .problems(outcome.problems())
                .notes(outcome.notes())
                .result();
    }
}
