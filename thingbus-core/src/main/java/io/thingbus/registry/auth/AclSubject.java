package io.thingbus.registry.auth;

import java.util.Map;
import java.util.Objects;

/**
 * What a connection's ACL is compiled for: who it is and the values its rules' placeholders take.
 *
 * @param identity the authenticated identity; {@code ${deviceId}} is its name when it is a device
 * @param clientId the MQTT client id, {@code ${clientId}}
 * @param username the user name as sent, {@code ${username}}, or null
 * @param tags     the device's tags, {@code ${tag:NAME}}; empty for other clients
 */
public record AclSubject(ClientIdentity identity, String clientId, String username, Map<String, String> tags) {

    public AclSubject {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(clientId, "clientId");
        tags = Map.copyOf(tags);
    }

    /** A subject that is not a device: no tags. */
    public static AclSubject of(ClientIdentity identity, ClientCredentials credentials) {
        return new AclSubject(identity, credentials.clientId(), credentials.username(), Map.of());
    }

    /** The device id when the subject is a device, else null. */
    String deviceId() {
        return identity.kind() == ClientIdentity.Kind.DEVICE ? identity.name() : null;
    }
}
