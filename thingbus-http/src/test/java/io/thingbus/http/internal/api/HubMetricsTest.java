package io.thingbus.http.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.mqtt.MqttMetrics;
import io.thingbus.registry.ConnectivityEvent;
import io.thingbus.registry.ConnectivityTracker;
import io.thingbus.registry.InMemoryConnectivityEventStore;
import io.thingbus.registry.auth.ClientIdentity;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HubMetricsTest {

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final MqttMetrics broker = new MqttMetrics() {
        @Override
        public int connections() {
            return connections.get();
        }

        @Override
        public int sessions() {
            return sessions.get();
        }
    };

    private final ConnectivityTracker connectivity = new ConnectivityTracker(new InMemoryConnectivityEventStore(), 100);

    @Test
    void scrapeHasJvmProcessAndBrokerMetrics() {
        try (HubMetrics metrics = new HubMetrics(broker, connectivity)) {
            String text = metrics.scrape();

            assertThat(text).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                    "process_uptime_seconds", "process_cpu_usage", "system_cpu_count");
            assertThat(text).contains("# HELP thingbus_mqtt_connections ", "# TYPE thingbus_mqtt_sessions gauge");
        }
    }

    @Test
    void brokerGaugesAreReadAtScrapeTime() {
        try (HubMetrics metrics = new HubMetrics(broker, connectivity)) {
            connections.set(7);
            sessions.set(3);

            assertThat(metrics.scrape()).contains("thingbus_mqtt_connections 7.0", "thingbus_mqtt_sessions 3.0");
        }
    }

    @Test
    void connectedDevicesAreCountedAtScrapeTime() {
        try (HubMetrics metrics = new HubMetrics(broker, connectivity)) {
            connectivity.connectivityChanged(new ConnectivityEvent(ClientIdentity.device("d1"), "d1",
                    ConnectivityEvent.Type.CONNECTED, Instant.EPOCH, "127.0.0.1", "mqtt", "mqtt5", null));

            assertThat(metrics.scrape()).contains("thingbus_devices_connected 1.0");
        }
    }

    @Test
    void endpointAnswersPrometheusText() {
        try (HubMetrics metrics = new HubMetrics(broker, connectivity)) {
            var response = new SystemEndpoints(metrics).metrics();

            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        }
    }
}
