package io.thingbus.registry.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain pub/sub client with a JWT entitlement token as its password. The token must be signed
 * with one of the operator's keys, by the algorithm of that key (HS256 or RS256: {@code none} and
 * anything else are refused), carry {@code exp} (the connection ends then), be past its {@code nbf},
 * and carry the configured {@code iss} and {@code aud}. Its {@code publish} and {@code subscribe}
 * claims, arrays of MQTT topic filters, say what the client may do; it is identity
 * {@link ClientIdentity.Kind#TOKEN} named by {@code sub} (or the client id).
 */
final class JwtAuthentication {

    private static final String PUBLISH = "publish";
    private static final String SUBSCRIBE = "subscribe";

    /** By JWS algorithm name: a verifier per configured key. */
    private final Map<String, List<JWTVerifier>> verifiers = new HashMap<>();
    private final AclCompiler acls;

    JwtAuthentication(JwtConfig config, AclCompiler acls, Clock clock) {
        this.acls = acls;
        for (byte[] secret : config.hmacSecrets()) {
            add(Algorithm.HMAC256(secret), config, clock);
        }
        for (RSAPublicKey key : config.rsaPublicKeys()) {
            add(Algorithm.RSA256(key, null), config, clock);
        }
    }

    AuthenticationResult authenticate(ClientCredentials credentials, String token) {
        DecodedJWT decoded;
        try {
            decoded = JWT.decode(token);
        } catch (JWTDecodeException malformed) {
            return Refusals.badCredentials("malformed token");
        }
        List<JWTVerifier> candidates = verifiers.get(decoded.getAlgorithm());
        if (candidates == null) {
            return Refusals.badCredentials("token algorithm not accepted");
        }
        DecodedJWT verified = null;
        try {
            for (int i = 0; i < candidates.size() && verified == null; i++) {
                verified = verifyWith(candidates.get(i), decoded);
            }
        } catch (TokenExpiredException expired) {
            return Refusals.badCredentials("token expired");
        } catch (MissingClaimException missing) {
            return Refusals.badCredentials("token has no '" + missing.getClaimName() + "' claim");
        } catch (IncorrectClaimException incorrect) {
            return Refusals.badCredentials("nbf".equals(incorrect.getClaimName()) ? "token not yet valid"
                    : "token claim '" + incorrect.getClaimName() + "' not accepted");
        } catch (JWTVerificationException rejected) {
            return Refusals.BAD_CREDENTIALS;
        }
        if (verified == null) {
            return Refusals.BAD_CREDENTIALS;
        }
        String subject = verified.getSubject();
        ClientIdentity identity = new ClientIdentity(ClientIdentity.Kind.TOKEN,
                subject == null || subject.isEmpty() ? credentials.clientId() : subject);
        try {
            AccessPolicy access = acls.forToken(AclSubject.of(identity, credentials),
                    filters(verified.getClaim(PUBLISH)), filters(verified.getClaim(SUBSCRIBE)));
            return new AuthenticationResult.Accepted(identity, access, verified.getExpiresAtAsInstant());
        } catch (JWTDecodeException | IllegalArgumentException badClaims) {
            return Refusals.badCredentials("token claims 'publish' and 'subscribe' must be arrays of topic filters");
        }
    }

    /** The verified token, or null when this key did not sign it. */
    private static DecodedJWT verifyWith(JWTVerifier verifier, DecodedJWT token) {
        try {
            return verifier.verify(token);
        } catch (SignatureVerificationException otherKey) {
            return null;
        }
    }

    private static List<String> filters(Claim claim) {
        if (claim.isMissing() || claim.isNull()) {
            return List.of();
        }
        List<String> filters = claim.asList(String.class);
        if (filters == null || filters.contains(null)) {
            throw new IllegalArgumentException("not an array of strings");
        }
        return filters;
    }

    private void add(Algorithm algorithm, JwtConfig config, Clock clock) {
        Verification verification = JWT.require(algorithm).withClaimPresence("exp");
        if (config.issuer() != null) {
            verification = verification.withIssuer(config.issuer());
        }
        if (config.audience() != null) {
            verification = verification.withAudience(config.audience());
        }
        JWTVerifier verifier = ((JWTVerifier.BaseVerification) verification).build(clock);
        verifiers.computeIfAbsent(algorithm.getName(), name -> new ArrayList<>()).add(verifier);
    }
}
