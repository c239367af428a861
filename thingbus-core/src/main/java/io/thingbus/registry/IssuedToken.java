package io.thingbus.registry;

/**
 * A principal together with its new bearer token: the only moment the token exists outside its
 * holder. Show it once; {@link #toString()} leaves it out so it cannot reach a log by accident.
 */
public record IssuedToken(ServicePrincipal principal, String token) {

    @Override
    public String toString() {
        return "IssuedToken[principal=" + principal + ", token=<redacted>]";
    }
}
