package io.thingbus.registry.auth;

import io.thingbus.registry.ServicePrincipal;
import io.thingbus.registry.ServicePrincipals;
import java.util.Optional;

/**
 * A back-end service with its API bearer token ({@code tb_...}) as the password and its principal
 * name as the user name. It gets {@link ServiceRights} for its role, for as long as it stays connected.
 */
final class ServiceAuthentication {

    private final ServicePrincipals principals;
    private final AclCompiler acls;

    ServiceAuthentication(ServicePrincipals principals, AclCompiler acls) {
        this.principals = principals;
        this.acls = acls;
    }

    AuthenticationResult authenticate(ClientCredentials credentials, String token) {
        Optional<ServicePrincipal> principal = principals.authenticate(token);
        if (principal.isEmpty() || !principal.get().name().equals(credentials.username())) {
            return Refusals.BAD_CREDENTIALS;
        }
        ClientIdentity identity = new ClientIdentity(ClientIdentity.Kind.SERVICE, principal.get().name());
        return new AuthenticationResult.Accepted(identity,
                acls.forService(AclSubject.of(identity, credentials), principal.get().role()), null);
    }
}
