package io.thingbus.registry.auth;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.time.Instant;

/**
 * A device that connects to register itself (Azure DPS over MQTT): client id = registration id, user
 * name {@code {idScope}/registrations/{registrationId}/api-version=...} (or none), and as password a SAS
 * token for {@code sr={idScope}/registrations/{registrationId}} signed with its enrollment key (or the
 * key derived from a group's). The {@link RegistrationVerifier} checks the token exactly as an HTTP
 * registration would; the client becomes a {@link ClientIdentity.Kind#PROVISIONING} identity with
 * {@link ProvisioningRights}, until its token expires.
 */
final class ProvisioningAuthentication {

    /** What a registration token's resource holds between the scope and the registration id. */
    static final String REGISTRATIONS = "/registrations/";

    private final RegistrationVerifier verifier;
    private final AclCompiler acls;

    ProvisioningAuthentication(RegistrationVerifier verifier, AclCompiler acls) {
        this.verifier = verifier;
        this.acls = acls;
    }

    /** Whether {@code password} is a SAS token for a registration rather than for a device. */
    static boolean isRegistrationToken(String password) {
        try {
            return SasToken.parse(password).resource().contains(REGISTRATIONS);
        } catch (IllegalArgumentException malformed) {
            return false; // the device path says what is wrong with it
        }
    }

    AuthenticationResult authenticate(ClientCredentials credentials, String password) {
        String registrationId = credentials.clientId();
        if (!DeviceUserName.deviceId(credentials).equals(registrationId)) {
            return new AuthenticationResult.Refused(ErrorCode.CLIENT_ID_INVALID, "the client id must be the registration id");
        }
        Instant expires;
        try {
            expires = verifier.verify(registrationId, password);
        } catch (ThingbusException refused) {
            ErrorCode code = refused.code().mqttReasonCode() < 0 ? ErrorCode.CLIENT_ID_INVALID : refused.code();
            return new AuthenticationResult.Refused(code, refused.detail());
        }
        ClientIdentity identity = new ClientIdentity(ClientIdentity.Kind.PROVISIONING, registrationId);
        return new AuthenticationResult.Accepted(identity, acls.forProvisioning(AclSubject.of(identity, credentials)), expires);
    }
}
