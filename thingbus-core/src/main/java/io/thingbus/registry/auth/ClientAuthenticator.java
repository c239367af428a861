package io.thingbus.registry.auth;

/**
 * Decides who a connecting client is and what it may do. Implementations may be slow (a password
 * hash, a store read): callers run them off the network event loops. Safe for concurrent use.
 */
@FunctionalInterface
public interface ClientAuthenticator {

    /** Accepts every client with {@link AccessPolicy#ALLOW_ALL}, as an anonymous identity. */
    ClientAuthenticator ALLOW_ALL = credentials -> new AuthenticationResult.Accepted(
            new ClientIdentity(ClientIdentity.Kind.ANONYMOUS, credentials.clientId()), AccessPolicy.ALLOW_ALL, null);

    AuthenticationResult authenticate(ClientCredentials credentials);
}
