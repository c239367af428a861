package io.thingbus.http.internal.api;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thingbus.mqtt.MqttMetrics;
import io.thingbus.registry.ConnectivityTracker;

/**
 * The hub's meters in one Prometheus registry: JVM (memory, GC, threads, classes), process (CPU,
 * uptime, open files), the broker's gauges and the connected devices, read at scrape time. Close it to stop the GC listener.
 */
public final class HubMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** @param connectivity the devices' connection state, for the connected-devices gauge */
    public HubMetrics(MqttMetrics mqtt, ConnectivityTracker connectivity) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("thingbus.mqtt.connections", mqtt, MqttMetrics::connections)
                .description("Open MQTT connections (TCP and WebSocket), including those not yet past CONNECT")
                .register(registry);
        Gauge.builder("thingbus.mqtt.sessions", mqtt, MqttMetrics::sessions)
                .description("MQTT sessions held: connected clients and persistent sessions awaiting their client")
                .register(registry);
        Gauge.builder("thingbus.devices.connected", connectivity, ConnectivityTracker::connectedDevices)
                .description("Registered devices with a live connection (a scrape counts them)")
                .register(registry);
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
