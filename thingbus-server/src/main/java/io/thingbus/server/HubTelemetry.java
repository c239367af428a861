package io.thingbus.server;

import io.thingbus.events.EventStoreWriter;
import io.thingbus.events.TelemetryRetentionSweep;
import io.thingbus.events.TelemetryStores;
import io.thingbus.telemetry.PseudonymisationConfig;
import io.thingbus.telemetry.Pseudonymiser;
import io.thingbus.telemetry.TelemetryIngest;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry side of the hub once the store is open: the {@link TelemetryIngest} the edges (MQTT, HTTP)
 * hand device messages to, the event store writer that indexes the log, and the retention sweep. Close it
 * after the edges and before the store.
 */
final class HubTelemetry implements AutoCloseable {

    /** How often retention is applied. */
    static final Duration SWEEP_PERIOD = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(HubTelemetry.class);

    private final TelemetryIngest ingest;
    private final EventStoreWriter writer;
    private final TelemetryRetentionSweep sweep;

    private HubTelemetry(TelemetryIngest ingest, EventStoreWriter writer, TelemetryRetentionSweep sweep) {
        this.ingest = ingest;
        this.writer = writer;
        this.sweep = sweep;
    }

    /**
     * Reads (or makes) the pseudonym key when pseudonymisation is configured, then starts the writer and
     * the sweep.
     */
    static HubTelemetry start(TelemetryStores stores, TelemetryConfig config, Path dataDir, Clock clock) {
        Pseudonymiser pseudonymiser = pseudonymiser(config, dataDir);
        TelemetryIngest ingest = new TelemetryIngest(stores.telemetryLog(), pseudonymiser, clock);
        EventStoreWriter writer = new EventStoreWriter(stores);
        writer.start();
        TelemetryRetentionSweep sweep = new TelemetryRetentionSweep(stores.telemetryLog(), stores.events(),
                config.retention(), clock);
        sweep.start(SWEEP_PERIOD);
        return new HubTelemetry(ingest, writer, sweep);
    }

    /** Where the edges hand device-to-cloud messages over. */
    TelemetryIngest ingest() {
        return ingest;
    }

    /** Stops the sweep and the writer, each after the pass in progress. */
    @Override
    public void close() {
        sweep.close();
        writer.close();
    }

    private static Pseudonymiser pseudonymiser(TelemetryConfig config, Path dataDir) {
        if (!config.pseudonymises()) {
            return Pseudonymiser.NONE;
        }
        PseudonymisationConfig pseudonymisation = new PseudonymisationConfig(
                PseudonymKeyFile.read(config.pseudonymKeyFile(), dataDir, new SecureRandom()), config.jsonPointers(),
                config.propertyNames(), PseudonymisationConfig.DEFAULT_HEX_LENGTH, config.invalidPayload());
        log.info("Pseudonymising at ingest: {}", pseudonymisation);
        return new Pseudonymiser(pseudonymisation);
    }
}
