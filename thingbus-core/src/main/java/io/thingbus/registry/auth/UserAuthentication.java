package io.thingbus.registry.auth;

import java.util.Optional;

/** A simple client with an MQTT user's name and password; its rights are the operator's rules for users. */
final class UserAuthentication {

    private final MqttUsers users;
    private final AclCompiler acls;

    UserAuthentication(MqttUsers users, AclCompiler acls) {
        this.users = users;
        this.acls = acls;
    }

    AuthenticationResult authenticate(ClientCredentials credentials) {
        Optional<MqttUser> user = users.verify(credentials.username(), credentials.password());
        if (user.isEmpty()) {
            return Refusals.BAD_CREDENTIALS;
        }
        ClientIdentity identity = new ClientIdentity(ClientIdentity.Kind.USER, user.get().name());
        return new AuthenticationResult.Accepted(identity, acls.forRulesOnly(AclSubject.of(identity, credentials)), null);
    }
}
