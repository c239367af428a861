package io.thingbus.mqtt.internal.connection;

import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.registry.auth.AccessPolicy;
import io.thingbus.registry.auth.ClientIdentity;
import java.util.Objects;

/**
 * Who is on a connection once its CONNECT is accepted: never null fields, fixed for the connection's
 * life except the access and expiry a re-authentication renews ({@link #reauthenticated}).
 *
 * @param clientId                 the client identifier (possibly assigned by the hub)
 * @param version                  the protocol version negotiated
 * @param keepAliveSeconds         keep-alive in force (after the hub's cap), 0 = none
 * @param limits                   what the client accepts from the hub
 * @param identity                 who the authenticator says the client is
 * @param access                   what it may publish and subscribe to
 * @param credentialsExpireAtMillis when its credentials expire and the connection is closed,
 *                                 {@link #NEVER_EXPIRES} for never
 */
public record ConnectedClient(String clientId, MqttVersion version, int keepAliveSeconds, ClientLimits limits,
                              ClientIdentity identity, AccessPolicy access, long credentialsExpireAtMillis) {

    /** Credentials that never expire. */
    public static final long NEVER_EXPIRES = Long.MAX_VALUE;

    public ConnectedClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(access, "access");
    }

    public boolean isMqtt5() {
        return version == MqttVersion.MQTT_5;
    }

    /** Whether the credentials have expired at {@code nowMillis}. */
    public boolean credentialsExpired(long nowMillis) {
        return nowMillis >= credentialsExpireAtMillis;
    }

    /** The same client after a re-authentication granted {@code newAccess} until {@code newExpiryMillis}. */
    public ConnectedClient reauthenticated(AccessPolicy newAccess, long newExpiryMillis) {
        return new ConnectedClient(clientId, version, keepAliveSeconds, limits, identity, newAccess, newExpiryMillis);
    }
}
