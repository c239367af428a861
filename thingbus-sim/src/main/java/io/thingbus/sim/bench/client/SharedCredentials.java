package io.thingbus.sim.bench.client;

/**
 * Generic mode: client ids {@code PREFIX-ROLE-INDEX} and one username and password (either may be
 * null) for every connection, as any MQTT 3.1.1 or 5 broker accepts.
 */
public record SharedCredentials(String clientIdPrefix, String username, String password)
        implements ConnectIdentities {

    @Override
    public ConnectIdentity identityFor(ClientRole role, int index) {
        return new ConnectIdentity(clientIdPrefix + "-" + role.tag() + "-" + index, username, password);
    }

    @Override
    public String toString() {
        return "SharedCredentials[clientIdPrefix=" + clientIdPrefix + ", username=" + username + "]";
    }
}
