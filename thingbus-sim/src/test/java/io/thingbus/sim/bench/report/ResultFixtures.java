package io.thingbus.sim.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small results for report tests. */
final class ResultFixtures {

    private ResultFixtures() {
    }

    static ScenarioResult fanIn(double throughput, double p99, List<String> problems) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("publishers", "10");
        parameters.put("qos", "1");
        return new ScenarioResult("fanin", "mqtt://127.0.0.1:1883 MQTT 5 (io_uring)", parameters,
                List.of(new Figure("throughput", throughput, "msg/s", Figure.Better.HIGHER),
                        new Figure("p99", p99, "ms", Figure.Better.LOWER)),
                problems, List.of());
    }
}
