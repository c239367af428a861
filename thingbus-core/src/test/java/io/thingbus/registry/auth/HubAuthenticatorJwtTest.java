package io.thingbus.registry.auth;

import static io.thingbus.registry.auth.HubFixture.accepted;
import static io.thingbus.registry.auth.HubFixture.connect;
import static io.thingbus.registry.auth.HubFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.thingbus.errors.ErrorCode;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubAuthenticatorJwtTest {

    private static final byte[] SECRET = "an HS256 secret of at least 32 bytes!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_SECRET = "another HS256 secret, also 32 bytes+".getBytes(StandardCharsets.US_ASCII);
    private static final KeyPair RSA = rsaKeys();
    private static final KeyPair OTHER_RSA = rsaKeys();
    private static final Instant EXPIRY = ManualClock.START.plus(Duration.ofHours(1));

    private final HubFixture fixture = new HubFixture();
    private final HubAuthenticator hub = fixture.hub(AuthConfig.DEFAULT.withJwt(
            new JwtConfig(List.of(SECRET), List.of((RSAPublicKey) RSA.getPublic()), null, null)));

    @Test
    void acceptsAnHs256TokenWithTheRightsOfItsClaims() {
        String token = claims().withSubject("dashboard").sign(Algorithm.HMAC256(SECRET));

        AuthenticationResult.Accepted accepted = accepted(hub.authenticate(connect("dash-1", null, token)));

        assertThat(accepted.identity()).isEqualTo(new ClientIdentity(ClientIdentity.Kind.TOKEN, "dashboard"));
        assertThat(accepted.expires()).isEqualTo(EXPIRY);
        assertThat(accepted.access().mayPublish("alerts/fire")).isTrue();
        assertThat(accepted.access().mayPublish("news/today")).isFalse();
        assertThat(accepted.access().maySubscribe(TopicFilter.parse("sensors/+/temp"))).isTrue();
        assertThat(accepted.access().maySubscribe(TopicFilter.parse("alerts/#"))).isFalse();
    }

    @Test
    void acceptsAnRs256TokenAndNamesItByTheClientIdWithoutASubject() {
        String token = claims().sign(Algorithm.RSA256((RSAPublicKey) RSA.getPublic(), (RSAPrivateKey) RSA.getPrivate()));

        AuthenticationResult.Accepted accepted = accepted(hub.authenticate(connect("dash-2", "anyone", token)));

        assertThat(accepted.identity()).isEqualTo(new ClientIdentity(ClientIdentity.Kind.TOKEN, "dash-2"));
    }

    @Test
    void neverGrantsDeviceTopicsWhateverTheClaims() {
        String token = JWT.create().withExpiresAt(EXPIRY)
                .withClaim("publish", List.of("devices/dev-1/messages/events/", "$iothub/#"))
                .withClaim("subscribe", List.of("#")).sign(Algorithm.HMAC256(SECRET));

        AccessPolicy access = accepted(hub.authenticate(connect("t", null, token))).access();

        assertThat(access.mayPublish("devices/dev-1/messages/events/")).isFalse();
        assertThat(access.mayPublish("$iothub/twin/GET/?$rid=1")).isFalse();
        assertThat(access.maySubscribe(TopicFilter.parse("devices/+/messages/events/#"))).isFalse();
        assertThat(access.maySubscribe(TopicFilter.parse("#"))).isTrue();
        assertThat(access.mayReceive("devices/dev-1/messages/events/")).isFalse();
        assertThat(access.maySubscribe(TopicFilter.parse("lobby/#"))).isTrue();
    }

    @Test
    void refusesAnExpiredOrNotYetValidToken() {
        String expired = claims().withExpiresAt(ManualClock.START.minusSeconds(1)).sign(Algorithm.HMAC256(SECRET));
        String early = claims().withNotBefore(ManualClock.START.plusSeconds(60)).sign(Algorithm.HMAC256(SECRET));

        assertThat(refused(hub.authenticate(connect("t", null, expired)), ErrorCode.BAD_CREDENTIALS).reason())
                .isEqualTo("token expired");
        assertThat(refused(hub.authenticate(connect("t", null, early)), ErrorCode.BAD_CREDENTIALS).reason())
                .isEqualTo("token not yet valid");
        fixture.clock.advance(Duration.ofSeconds(60));
        accepted(hub.authenticate(connect("t", null, early)));
    }

    @Test
    void requiresAnExpiry() {
        String forever = JWT.create().withClaim("publish", List.of("a")).sign(Algorithm.HMAC256(SECRET));

        assertThat(refused(hub.authenticate(connect("t", null, forever)), ErrorCode.BAD_CREDENTIALS).reason())
                .isEqualTo("token has no 'exp' claim");
    }

    @Test
    void refusesAlgorithmNoneAndAlgorithmsWithoutAKey() {
        String none = claims().sign(Algorithm.none());
        String hs384 = claims().sign(Algorithm.HMAC384(SECRET));
        HubAuthenticator rsaOnly = fixture.hub(AuthConfig.DEFAULT.withJwt(
                new JwtConfig(List.of(), List.of((RSAPublicKey) RSA.getPublic()), null, null)));
        String hs256 = claims().sign(Algorithm.HMAC256(SECRET));

        assertThat(refused(hub.authenticate(connect("t", null, none)), ErrorCode.BAD_CREDENTIALS).reason())
                .isEqualTo("token algorithm not accepted");
        refused(hub.authenticate(connect("t", null, hs384)), ErrorCode.BAD_CREDENTIALS);
        refused(rsaOnly.authenticate(connect("t", null, hs256)), ErrorCode.BAD_CREDENTIALS);
        refused(fixture.hub(AuthConfig.DEFAULT).authenticate(connect("t", null, hs256)), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        String hmac = claims().sign(Algorithm.HMAC256(OTHER_SECRET));
        String rsa = claims().sign(Algorithm.RSA256((RSAPublicKey) OTHER_RSA.getPublic(), (RSAPrivateKey) OTHER_RSA.getPrivate()));

        assertThat(refused(hub.authenticate(connect("t", null, hmac)), ErrorCode.BAD_CREDENTIALS).reason())
                .isEqualTo("bad user name or password");
        refused(hub.authenticate(connect("t", null, rsa)), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void triesEveryKeyOfTheAlgorithm() {
        HubAuthenticator rotating = fixture.hub(AuthConfig.DEFAULT.withJwt(
                new JwtConfig(List.of(OTHER_SECRET, SECRET), List.of(), null, null)));

        accepted(rotating.authenticate(connect("t", null, claims().sign(Algorithm.HMAC256(SECRET)))));
    }

    @Test
    void checksTheIssuerAndAudienceWhenConfigured() {
        HubAuthenticator strict = fixture.hub(AuthConfig.DEFAULT.withJwt(
                new JwtConfig(List.of(SECRET), List.of(), "https://id.example.org", "thingbus")));
        String right = claims().withIssuer("https://id.example.org").withAudience("thingbus", "other")
                .sign(Algorithm.HMAC256(SECRET));
        String wrongIssuer = claims().withIssuer("https://evil.example.org").withAudience("thingbus")
                .sign(Algorithm.HMAC256(SECRET));
        String noAudience = claims().withIssuer("https://id.example.org").sign(Algorithm.HMAC256(SECRET));

        accepted(strict.authenticate(connect("t", null, right)));
        assertThat(refused(strict.authenticate(connect("t", null, wrongIssuer)), ErrorCode.BAD_CREDENTIALS).reason())
                .isEqualTo("token claim 'iss' not accepted");
        refused(strict.authenticate(connect("t", null, noAudience)), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void refusesClaimsThatAreNoFilterArrays() {
        String notArray = JWT.create().withExpiresAt(EXPIRY).withClaim("publish", "alerts/#").sign(Algorithm.HMAC256(SECRET));
        String badFilter = JWT.create().withExpiresAt(EXPIRY).withClaim("subscribe", List.of("a/#/b"))
                .sign(Algorithm.HMAC256(SECRET));

        refused(hub.authenticate(connect("t", null, notArray)), ErrorCode.BAD_CREDENTIALS);
        refused(hub.authenticate(connect("t", null, badFilter)), ErrorCode.BAD_CREDENTIALS);
    }

    @Test
    void refusesWeakKeys() {
        assertThatThrownBy(() -> new JwtConfig(List.of("short".getBytes(StandardCharsets.US_ASCII)), List.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
    }

    private static JWTCreator.Builder claims() {
        return JWT.create().withExpiresAt(EXPIRY)
                .withClaim("publish", List.of("alerts/#"))
                .withClaim("subscribe", List.of("sensors/#"));
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
