package io.thingbus.registry.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How the {@link HubAuthenticator} decides: see docs/configuration.md, "Authentication and ACLs".
 *
 * @param allowAnonymous whether clients without credentials may connect (with the ACL rules for
 *                       {@code anonymous} only, never device topics); otherwise they are refused
 * @param rules          the operator's ACL rules
 * @param jwt            the keys for JWT entitlement tokens
 * @param trustedCas     CA certificates a device certificate may chain to (the leaf's CN is the device id)
 * @param failureLimits  the failed-authentication limiter
 */
public record AuthConfig(boolean allowAnonymous, AclRules rules, JwtConfig jwt, List<X509Certificate> trustedCas,
                         FailureLimits failureLimits) {

    /** Anonymous clients refused, no rules, no JWT keys, no CAs, 5 failures a minute. */
    public static final AuthConfig DEFAULT = new AuthConfig(false, AclRules.NONE, JwtConfig.NONE, List.of(),
            FailureLimits.DEFAULT);

    public AuthConfig {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(jwt, "jwt");
        trustedCas = List.copyOf(trustedCas);
        for (X509Certificate ca : trustedCas) {
            if (ca.getBasicConstraints() < 0) {
                throw new IllegalArgumentException("client CA '" + ca.getSubjectX500Principal().getName()
                        + "' is not a CA certificate (no basicConstraints CA:true)");
            }
        }
        Objects.requireNonNull(failureLimits, "failureLimits");
    }

    public AuthConfig withAllowAnonymous(boolean allow) {
        return new AuthConfig(allow, rules, jwt, trustedCas, failureLimits);
    }

    public AuthConfig withRules(AclRules newRules) {
        return new AuthConfig(allowAnonymous, newRules, jwt, trustedCas, failureLimits);
    }

    public AuthConfig withJwt(JwtConfig newJwt) {
        return new AuthConfig(allowAnonymous, rules, newJwt, trustedCas, failureLimits);
    }

    public AuthConfig withTrustedCas(List<X509Certificate> cas) {
        return new AuthConfig(allowAnonymous, rules, jwt, cas, failureLimits);
    }

    public AuthConfig withFailureLimits(FailureLimits limits) {
        return new AuthConfig(allowAnonymous, rules, jwt, trustedCas, limits);
    }
}
