package io.thingbus.server;

import io.thingbus.telemetry.PseudonymisationConfig.InvalidPayload;
import io.thingbus.telemetry.TelemetryRetention;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Telemetry fan-in: how long the log and the event store keep records, what is pseudonymised at ingest,
 * and how large a message may be. The partition count is the registry's ({@link RegistryConfig#partitions()}):
 * one number for allocation and the log.
 *
 * @param retention       the log's age and per-partition size limits, and the event store's age limit
 * @param pseudonymise    what is replaced by a keyed hash at ingest: entries starting with {@code /} are JSON
 *                        pointers into the payload, the others application property names
 * @param pseudonymKeyFile the file holding the hub secret of the pseudonyms, or null for
 *                        {@code {data-dir}/pseudonym.key} (made on first start, mode 600)
 * @param invalidPayload  what happens to a payload that is not JSON while pointers are configured
 * @param maxPayloadBytes the largest telemetry payload accepted over HTTP (MQTT's limit is its packet size)
 */
public record TelemetryConfig(TelemetryRetention retention, List<String> pseudonymise, Path pseudonymKeyFile,
                              InvalidPayload invalidPayload, int maxPayloadBytes) {

    /** 256 KiB, the limit Azure IoT Hub sets on a device-to-cloud message. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

    public TelemetryConfig {
        Objects.requireNonNull(retention, "retention");
        pseudonymise = List.copyOf(new LinkedHashSet<>(pseudonymise));
        for (String entry : pseudonymise) {
            if (entry.isBlank()) {
                throw new IllegalArgumentException("--pseudonymise needs a JSON pointer (/field) or a property name");
            }
        }
        Objects.requireNonNull(invalidPayload, "invalidPayload");
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("the maximum telemetry payload must be positive, was " + maxPayloadBytes);
        }
    }

    /** Retention {@link TelemetryRetention#DEFAULTS}, nothing pseudonymised, 256 KiB payloads. */
    public static TelemetryConfig defaults() {
        return new TelemetryConfig(TelemetryRetention.DEFAULTS, List.of(), null, InvalidPayload.PASS_THROUGH,
                DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /** Whether anything is pseudonymised (and so the hub needs its secret). */
    public boolean pseudonymises() {
        return !pseudonymise.isEmpty();
    }

    /** The JSON pointers of {@link #pseudonymise()}. */
    public List<String> jsonPointers() {
        return pseudonymise.stream().filter(entry -> entry.startsWith("/")).toList();
    }

    /** The property names of {@link #pseudonymise()}. */
    public Set<String> propertyNames() {
        return Set.copyOf(pseudonymise.stream().filter(entry -> !entry.startsWith("/")).toList());
    }

    public TelemetryConfig withPseudonymise(List<String> entries, Path keyFile) {
        return new TelemetryConfig(retention, entries, keyFile, invalidPayload, maxPayloadBytes);
    }
}
