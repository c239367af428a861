package io.thingbus.http.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.thingbus.errors.ErrorCode;
import io.thingbus.registry.InMemoryPrincipalStore;
import io.thingbus.registry.Role;
import io.thingbus.registry.ServicePrincipals;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class BearerAuthenticatorTest {

    private final ServicePrincipals principals = new ServicePrincipals(new InMemoryPrincipalStore(), Clock.systemUTC(),
            new SecureRandom());
    private final String token = principals.create("ci", Role.OPERATOR).token();
    private final BearerAuthenticator authenticator = new BearerAuthenticator(principals);

    @Test
    void acceptsTheSchemeInAnyCase() {
        assertThat(authenticator.authenticate(headers("Bearer " + token)).name()).isEqualTo("ci");
        assertThat(authenticator.authenticate(headers("bearer " + token)).name()).isEqualTo("ci");
        assertThat(authenticator.authenticate(headers("BEARER " + token)).name()).isEqualTo("ci");
    }

    @Test
    void missingHeaderAsksForAToken() {
        assertThatThrownBy(() -> authenticator.authenticate(new DefaultHttpHeaders()))
                .isInstanceOfSatisfying(AuthenticationFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.AUTHENTICATION_REQUIRED);
                    assertThat(failure.challenge()).isEqualTo("Bearer realm=\"thingbus\"");
                });
    }

    @Test
    void otherSchemesAndMalformedTokensAreInvalid() {
        for (String value : new String[] {"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer a b", "Bearer t\u00e9st", token}) {
            assertThatThrownBy(() -> authenticator.authenticate(headers(value)))
                    .as(value)
                    .isInstanceOfSatisfying(AuthenticationFailure.class, failure -> {
                        assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
                        assertThat(failure.challenge()).contains("error=\"invalid_token\"");
                        assertThat(failure.detail()).doesNotContain(token);
                    });
        }
    }

    @Test
    void twoAuthorizationHeadersAreInvalid() {
        HttpHeaders headers = new DefaultHttpHeaders().add("Authorization", "Bearer " + token).add("Authorization", "Bearer x");

        assertThatThrownBy(() -> authenticator.authenticate(headers)).isInstanceOf(AuthenticationFailure.class);
    }

    @Test
    void unknownTokenIsInvalidAndNotEchoed() {
        assertThatThrownBy(() -> authenticator.authenticate(headers("Bearer tb_guess")))
                .isInstanceOfSatisfying(AuthenticationFailure.class, failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
                    assertThat(failure.detail()).doesNotContain("tb_guess");
                });
    }

    private static HttpHeaders headers(String authorization) {
        return new DefaultHttpHeaders().set("Authorization", authorization);
    }
}
