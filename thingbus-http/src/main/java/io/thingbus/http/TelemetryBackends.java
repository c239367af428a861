package io.thingbus.http;

import io.thingbus.events.TelemetryStores;
import io.thingbus.registry.auth.ClientAuthenticator;
import io.thingbus.telemetry.TelemetryIngest;
import io.thingbus.telemetry.TelemetryPosition;
import java.util.Objects;

/**
 * What the telemetry routes use: device messages posted over HTTP, the events, the consumer groups and the
 * live stream.
 *
 * @param ingest          where messages posted by devices go (pseudonymised, stamped, durable before the 202)
 * @param stores          the log, the event store, the committed offsets and the journal they write through
 * @param devices         authenticates a posting device's SAS token and compiles its ACL, as at MQTT CONNECT
 *                        (the hub's {@code HubAuthenticator}); a gateway may post for its children
 * @param partitions      the hub's partition count: partitions {@code 0 .. partitions - 1} are read when a
 *                        caller names none
 * @param maxPayloadBytes the largest payload a device may post; a larger one is answered 413
 * @param posted          told of each durable posted message (MQTT routing, device activity)
 */
public record TelemetryBackends(TelemetryIngest ingest, TelemetryStores stores, ClientAuthenticator devices,
                                int partitions, int maxPayloadBytes, PostedTelemetry posted) {

    public TelemetryBackends {
        Objects.requireNonNull(posted, "posted");
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(devices, "devices");
        if (partitions < 1 || partitions > TelemetryPosition.MAX_PARTITION + 1) {
            throw new IllegalArgumentException("partitions must be 1 to " + (TelemetryPosition.MAX_PARTITION + 1)
                    + ", was " + partitions);
        }
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, was " + maxPayloadBytes);
        }
    }
}
