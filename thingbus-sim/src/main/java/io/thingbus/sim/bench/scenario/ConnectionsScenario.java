package io.thingbus.sim.bench.scenario;

import io.thingbus.sim.bench.client.ClientRole;
import io.thingbus.sim.bench.client.InboundPublishListener;
import io.thingbus.sim.bench.load.PhaseTimer;
import io.thingbus.sim.bench.load.RampResult;
import io.thingbus.sim.bench.report.Figure;
import io.thingbus.sim.bench.report.ScenarioResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Idle connections: ramp N connections at the configured connect rate, hold them open with
 * keep-alive, and report the connect rate, failures and, given the broker's pid, the broker's
 * resident memory per connection (RSS after the hold minus RSS before the ramp, over N).
 */
public final class ConnectionsScenario implements Scenario {

    /** @param brokerMemory the broker process to weigh, if it runs on this host */
    public record Settings(int connections, Duration hold, Optional<ProcessMemory> brokerMemory) {

        public Settings {
            if (connections < 1 || hold.isNegative()) {
                throw new IllegalArgumentException("connections must be positive and the hold not negative");
            }
        }
    }

    private static final double BYTES_PER_MB = 1024.0 * 1024.0;

    private final Settings settings;

    public ConnectionsScenario(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "connections";
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("connections", Integer.toString(settings.connections()));
        parameters.put("hold", settings.hold().toString());
        return parameters;
    }

    @Override
    public ScenarioResult run(ScenarioEnvironment environment) {
        ScenarioResults results = new ScenarioResults(this, environment.clients().describeTarget());
        OptionalLong rssBefore = residentBytes();

        RampResult ramp = environment.ramp().open("connections", settings.connections(),
                i -> environment.connect(ClientRole.IDLE, i, InboundPublishListener.NONE).connected());
        environment.rampProblem("connections", ramp).ifPresent(results::problem);
        results.figure(new Figure("connected", ramp.ready().size(), "connections", Figure.Better.HIGHER))
                .figure(new Figure("failed", ramp.failed(), "connections", Figure.Better.LOWER))
                .figure(new Figure("connect-rate", ramp.readyPerSecond(), "conn/s", Figure.Better.HIGHER))
                .figures(LatencyFigures.of("connect-", ramp.readyLatency()));

        long droppedBefore = environment.clients().unexpectedCloses();
        long holdEnd = System.nanoTime() + settings.hold().toNanos();
        new PhaseTimer(environment.progress(), "hold").waitUntil(holdEnd, () -> String.format(Locale.ROOT,
                "open %,d dropped by the broker %,d%s", environment.clients().openChannels(),
                environment.clients().unexpectedCloses() - droppedBefore, describeRss(residentBytes())));
        long dropped = environment.clients().unexpectedCloses() - droppedBefore;
        results.figure(new Figure("dropped", dropped, "connections", Figure.Better.LOWER));
        if (environment.tooManyFailures(ramp.failed() + dropped, settings.connections())) {
            results.problem(String.format(Locale.ROOT, "%,d connections failed and %,d were dropped during the hold",
                    ramp.failed(), dropped));
        }

        OptionalLong rssAfter = residentBytes();
        if (settings.brokerMemory().isPresent()) {
            if (rssBefore.isPresent() && rssAfter.isPresent() && !ramp.ready().isEmpty()) {
                long delta = rssAfter.getAsLong() - rssBefore.getAsLong();
                results.figure(new Figure("broker-rss", rssAfter.getAsLong() / BYTES_PER_MB, "MB", Figure.Better.LOWER))
                        .figure(new Figure("memory-per-connection", (double) delta / ramp.ready().size(), "bytes",
                                Figure.Better.LOWER));
            } else {
                results.note("could not read the broker's VmRSS from /proc: no memory figures");
            }
        }
        return results.result();
    }

    private OptionalLong residentBytes() {
        return settings.brokerMemory().map(ProcessMemory::residentBytes).orElse(OptionalLong.empty());
    }

    private static String describeRss(OptionalLong rss) {
        return rss.isPresent() ? String.format(Locale.ROOT, " broker RSS %.1f MB", rss.getAsLong() / BYTES_PER_MB) : "";
    }
}
