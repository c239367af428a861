package io.thingbus.sim.bench.client;

/**
 * How each bench connection identifies itself. This is the seam between the generic mode, where
 * every connection presents the same credentials ({@link SharedCredentials}), and a mode that
 * speaks a hub's device contract, where each connection would be a registered device with its own
 * id and token.
 */
@FunctionalInterface
public interface ConnectIdentities {

    /** The identity of connection {@code index} among those of {@code role}. */
    ConnectIdentity identityFor(ClientRole role, int index);
}
