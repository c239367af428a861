package io.thingbus.server;

import io.thingbus.registry.auth.PasswordHash;
import io.thingbus.registry.provisioning.AllocationPolicy;
import java.util.Objects;

/**
 * The device registry and what hangs off it.
 *
 * @param partitions             telemetry partitions devices are allocated to (1 to 1024)
 * @param allocation             how a new device's partition is chosen (an enrollment may override it)
 * @param keptConnectivityEvents how many connect and disconnect events the hub keeps (at least 1)
 * @param passwordIterations     PBKDF2 iterations for new MQTT user passwords
 */
public record RegistryConfig(int partitions, AllocationPolicy allocation, long keptConnectivityEvents,
                             int passwordIterations) {

    public static final int DEFAULT_PARTITIONS = 8;
    public static final int MAX_PARTITIONS = 1024;
    public static final long DEFAULT_KEPT_CONNECTIVITY_EVENTS = 100_000;

    public RegistryConfig {
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("partitions must be 1 to " + MAX_PARTITIONS + ", was " + partitions);
        }
        Objects.requireNonNull(allocation, "allocation");
        if (keptConnectivityEvents < 1) {
            throw new IllegalArgumentException("connectivity-events must be at least 1, was " + keptConnectivityEvents);
        }
        if (passwordIterations < PasswordHash.MIN_ITERATIONS) {
            throw new IllegalArgumentException("password-iterations must be at least " + PasswordHash.MIN_ITERATIONS
                    + ", was " + passwordIterations);
        }
    }

    public static RegistryConfig defaults() {
        return new RegistryConfig(DEFAULT_PARTITIONS, AllocationPolicy.HASH, DEFAULT_KEPT_CONNECTIVITY_EVENTS,
                PasswordHash.DEFAULT_ITERATIONS);
    }
}
