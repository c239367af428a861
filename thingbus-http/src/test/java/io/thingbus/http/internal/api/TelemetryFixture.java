package io.thingbus.http.internal.api;

import io.thingbus.events.TelemetryStores;
import io.thingbus.http.PostedTelemetry;
import io.thingbus.http.TelemetryBackends;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.DeviceStore;
import io.thingbus.registry.InMemoryPrincipalStore;
import io.thingbus.registry.ServicePrincipals;
import io.thingbus.registry.auth.AuthConfig;
import io.thingbus.registry.auth.GatewayChildren;
import io.thingbus.registry.auth.HubAuthenticator;
import io.thingbus.registry.auth.InMemoryMqttUserStore;
import io.thingbus.registry.auth.MqttUsers;
import io.thingbus.registry.auth.PasswordHash;
import io.thingbus.telemetry.Pseudonymiser;
import io.thingbus.telemetry.TelemetryIngest;
import java.security.SecureRandom;
import java.time.Clock;

/** The telemetry routes' backends over given stores, with the hub's authenticator over the registry's devices. */
public final class TelemetryFixture {

    /** The largest payload the fixture's hub accepts. */
    public static final int MAX_PAYLOAD_BYTES = 4096;

    private TelemetryFixture() {
    }

    /**
     * @param store    the store {@code registry} keeps its devices in (the authenticator reads it, and follows the
     *                 registry's gateways)
     */
    public static TelemetryBackends over(DeviceStore store, DeviceRegistry registry, TelemetryStores stores,
                                         Pseudonymiser pseudonymiser, int partitions, Clock clock) {
        GatewayChildren gateways = GatewayChildren.load(store);
        registry.addListener(gateways);
        HubAuthenticator authenticator = new HubAuthenticator(store, gateways,
                new ServicePrincipals(new InMemoryPrincipalStore(), clock, new SecureRandom()),
                new MqttUsers(new InMemoryMqttUserStore(), clock, new SecureRandom(), PasswordHash.MIN_ITERATIONS),
                AuthConfig.DEFAULT, clock);
        return new TelemetryBackends(new TelemetryIngest(stores.telemetryLog(), pseudonymiser, clock), stores,
                authenticator, partitions, MAX_PAYLOAD_BYTES, PostedTelemetry.NONE);
    }
}
