package io.thingbus.registry.auth;

import io.thingbus.errors.ErrorCode;
import io.thingbus.registry.DeviceStore;
import io.thingbus.registry.ServicePrincipals;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * The hub's {@link ClientAuthenticator}: tells by what a client presents how to check it, and
 * compiles its ACL.
 *
 * <ol>
 *   <li>a password {@code SharedAccessSignature ...}: a device with a SAS token ({@link SasAuthentication}),
 *       or, when the token's resource is {@code {idScope}/registrations/{registrationId}}, a device registering
 *       itself ({@link ProvisioningAuthentication});</li>
 *   <li>else a TLS client certificate: a device by certificate thumbprint or trusted CA
 *       ({@link CertificateAuthentication});</li>
 *   <li>a password that is a JWT: an entitlement token ({@link JwtAuthentication});</li>
 *   <li>a password {@code tb_...}: a service principal's API token, user name = principal name;</li>
 *   <li>any other password: an MQTT user ({@link MqttUsers});</li>
 *   <li>nothing: anonymous, when {@link AuthConfig#allowAnonymous()}, else {@link ErrorCode#NOT_AUTHORIZED}.</li>
 * </ol>
 *
 * Every refusal is counted by the {@link AuthFailureLimiter}: an address or claimed id over its
 * limit is refused with {@link ErrorCode#CONNECTION_RATE_EXCEEDED} before its credentials are looked
 * at. Slow (a password hash, a store read): callers run it off the network event loops. Safe for
 * concurrent use. Reasons never contain a secret, nor tell whether a device or user exists.
 */
public final class HubAuthenticator implements ClientAuthenticator {

    private static final AuthenticationResult.Refused RATE_EXCEEDED = new AuthenticationResult.Refused(
            ErrorCode.CONNECTION_RATE_EXCEEDED, "too many failed attempts, try again later");
    private static final AuthenticationResult.Refused ANONYMOUS_REFUSED = new AuthenticationResult.Refused(
            ErrorCode.NOT_AUTHORIZED, "credentials required");

    private final AuthConfig config;
    private final AclCompiler acls;
    private final AuthFailureLimiter limiter;
    private final SasAuthentication sas;
    private final ProvisioningAuthentication provisioning;
    private final CertificateAuthentication certificates;
    private final JwtAuthentication tokens;
    private final ServiceAuthentication services;
    private final UserAuthentication users;

    /** A hub that refuses registrations over MQTT ({@link RegistrationVerifier#NONE}). */
    public HubAuthenticator(DeviceStore devices, GatewayChildren gateways, ServicePrincipals principals,
                            MqttUsers mqttUsers, AuthConfig config, Clock clock) {
        this(devices, gateways, principals, mqttUsers, RegistrationVerifier.NONE, config, clock);
    }

    /**
     * @param devices       the device registry's store (one point read per device CONNECT)
     * @param gateways      the live gateway index, registered as a listener of the device registry
     * @param principals    the API's service principals
     * @param mqttUsers     the MQTT users
     * @param registrations checks the tokens of devices that connect to register themselves
     */
    public HubAuthenticator(DeviceStore devices, GatewayChildren gateways, ServicePrincipals principals,
                            MqttUsers mqttUsers, RegistrationVerifier registrations, AuthConfig config, Clock clock) {
        this.config = config;
        this.acls = new AclCompiler(config.rules(), gateways);
        this.limiter = new AuthFailureLimiter(config.failureLimits(), clock);
        this.sas = new SasAuthentication(devices, acls, clock);
        this.provisioning = new ProvisioningAuthentication(registrations, acls);
        this.certificates = new CertificateAuthentication(devices, acls, config.trustedCas(), clock);
        this.tokens = new JwtAuthentication(config.jwt(), acls, clock);
        this.services = new ServiceAuthentication(principals, acls);
        this.users = new UserAuthentication(mqttUsers, acls);
    }

    @Override
    public AuthenticationResult authenticate(ClientCredentials credentials) {
        String claimedId = DeviceUserName.deviceId(credentials);
        if (limiter.isBlocked(credentials.remoteAddress(), claimedId)) {
            return RATE_EXCEEDED;
        }
        AuthenticationResult result = decide(credentials);
        if (result instanceof AuthenticationResult.Refused) {
            limiter.recordFailure(credentials.remoteAddress(), claimedId);
        }
        return result;
    }

    private AuthenticationResult decide(ClientCredentials credentials) {
        PasswordKind kind = PasswordKind.of(credentials.password());
        if (kind != PasswordKind.SHARED_ACCESS_SIGNATURE && !credentials.clientCertificates().isEmpty()) {
            return certificates.authenticate(credentials);
        }
        return switch (kind) {
            case SHARED_ACCESS_SIGNATURE -> sharedAccessSignature(credentials, password(credentials));
            case JWT -> tokens.authenticate(credentials, password(credentials));
            case SERVICE_TOKEN -> services.authenticate(credentials, password(credentials));
            case PASSWORD -> services.isPrincipal(credentials.username())
                    ? services.authenticate(credentials, password(credentials))
                    : users.authenticate(credentials);
            case NONE -> anonymous(credentials);
        };
    }

    private AuthenticationResult sharedAccessSignature(ClientCredentials credentials, String password) {
        return ProvisioningAuthentication.isRegistrationToken(password)
                ? provisioning.authenticate(credentials, password)
                : sas.authenticate(credentials, password);
    }

    private AuthenticationResult anonymous(ClientCredentials credentials) {
        if (!config.allowAnonymous()) {
            return ANONYMOUS_REFUSED;
        }
        ClientIdentity identity = new ClientIdentity(ClientIdentity.Kind.ANONYMOUS, credentials.clientId());
        return new AuthenticationResult.Accepted(identity, acls.forRulesOnly(AclSubject.of(identity, credentials)), null);
    }

    private static String password(ClientCredentials credentials) {
        return new String(credentials.password(), StandardCharsets.UTF_8);
    }
}
