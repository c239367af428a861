package io.thingbus.telemetry;

import io.thingbus.errors.ThingbusException;
import io.thingbus.messaging.UserProperty;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where the edges hand over device-to-cloud messages (MQTT {@code devices/{id}/messages/events/},
 * HTTP): pseudonymises what is configured, stamps the hub's time and appends to the device's partition
 * of the log. The edge acknowledges (PUBACK, HTTP 202) when the returned future completes, that is once
 * the record is durable; a failed future carries a {@link ThingbusException} whose code the edge
 * answers with (for example PAYLOAD_FORMAT_INVALID when pseudonymisation refuses a payload).
 * Thread-safe; call it from any event loop.
 */
public final class TelemetryIngest {

    private final TelemetryLog log;
    private final Pseudonymiser pseudonymiser;
    private final InstantSource clock;

    public TelemetryIngest(TelemetryLog log, Pseudonymiser pseudonymiser, InstantSource clock) {
        this.log = log;
        this.pseudonymiser = pseudonymiser;
        this.clock = clock;
    }

    /**
     * Stores one message of {@code deviceId} in {@code partition} (the partition the registry assigned
     * the device); completes with the stamped record once it is durable.
     *
     * @param properties  the application properties in the order sent
     * @param contentType the declared content type, or null
     */
    public CompletableFuture<TelemetryRecord> ingest(String deviceId, int partition, List<UserProperty> properties,
                                                     String contentType, byte[] payload) {
        return switch (pseudonymiser.apply(properties, payload)) {
            case Pseudonymiser.Applied applied ->
                    log.append(partition, clock.millis(), deviceId, applied.properties(), contentType, applied.payload());
            case Pseudonymiser.Refused refused ->
                    CompletableFuture.failedFuture(new ThingbusException(refused.code(), refused.reason()));
        };
    }
}
