package io.thingbus.registry;

import io.thingbus.registry.auth.ClientIdentity;
import java.time.Instant;
import java.util.Objects;

/**
 * A connection of a client coming or going, as the control panel and the API show it.
 *
 * @param identity      who (a device, user, service...)
 * @param clientId      the MQTT client identifier
 * @param type          connected or disconnected
 * @param time          the hub's clock when it happened
 * @param remoteAddress the peer's address
 * @param transport     {@code mqtt}, {@code mqtts}, {@code ws}, {@code wss} or {@code http}
 * @param protocol      {@code mqtt3.1.1}, {@code mqtt5} or {@code http}
 * @param reason        why it disconnected (null for a connect)
 */
public record ConnectivityEvent(ClientIdentity identity, String clientId, Type type, Instant time,
                                String remoteAddress, String transport, String protocol, String reason) {

    public ConnectivityEvent {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    public enum Type {
        CONNECTED,
        DISCONNECTED
    }
}
