package io.thingbus.sim.bench.client;

/**
 * What one connection puts in its CONNECT: client id and optional credentials.
 *
 * @param username null for none
 * @param password null for none
 */
public record ConnectIdentity(String clientId, String username, String password) {

    public ConnectIdentity {
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("a bench connection needs a client id");
        }
    }

    @Override
    public String toString() {
        return "ConnectIdentity[clientId=" + clientId + ", username=" + username + "]";
    }
}
