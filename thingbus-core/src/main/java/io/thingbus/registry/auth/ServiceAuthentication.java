package io.thingbus.registry.auth;

import io.thingbus.registry.ServicePrincipal;
import io.thingbus.registry.ServicePrincipals;
import java.util.Optional;

/**
 * A back-end service with its API bearer token as the password and its principal name as the user
 * name. It gets {@link ServiceRights} for its role, for as long as it stays connected. The tokens the
 * hub makes start with {@code tb_}; one set with {@code THINGBUS_ADMIN_TOKEN} may not, so a password
 * of another form is also taken as a token when the user name is a principal's name.
 */
final class ServiceAuthentication {

    private final ServicePrincipals principals;
    private final AclCompiler acls;

    ServiceAuthentication(ServicePrincipals principals, AclCompiler acls) {
        this.principals = principals;
        this.acls = acls;
    }

    /** Whether {@code username} names a service principal. */
    boolean isPrincipal(String username) {
        return username != null && principals.find(username).isPresent();
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
