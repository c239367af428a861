package io.thingbus.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ServicePrincipalsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final InMemoryPrincipalStore store = new InMemoryPrincipalStore();
    private final ServicePrincipals principals = new ServicePrincipals(store, Clock.fixed(NOW, ZoneOffset.UTC),
            new SecureRandom());

    @Test
    void generatedTokensCarry256RandomBitsBehindAPrefix() {
        String token = principals.generateToken();

        assertThat(token).startsWith("tb_").hasSize(3 + 43).matches("tb_[A-Za-z0-9_-]{43}");
        assertThat(principals.generateToken()).isNotEqualTo(token);
    }

    @Test
    void createdPrincipalAuthenticatesWithItsTokenAndStoresOnlyTheHash() {
        IssuedToken issued = principals.create("ci", Role.OPERATOR);

        assertThat(principals.authenticate(issued.token())).contains(issued.principal());
        assertThat(issued.principal().created()).isEqualTo(NOW);
        assertThat(store.find("ci").orElseThrow().tokenHash().matches(TokenHash.of(issued.token()))).isTrue();
        assertThat(store.find("ci").orElseThrow().toString()).doesNotContain(issued.token());
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    void unknownTokenAuthenticatesNobody() {
        principals.create("ci", Role.OPERATOR);

        assertThat(principals.authenticate("tb_not-a-token")).isEmpty();
        assertThat(principals.authenticate("")).isEmpty();
    }

    @Test
    void eachTokenAuthenticatesItsOwnPrincipal() {
        IssuedToken reader = principals.create("reader", Role.READER);
        IssuedToken admin = principals.create("boss", Role.ADMIN);

        assertThat(principals.authenticate(reader.token()).orElseThrow().name()).isEqualTo("reader");
        assertThat(principals.authenticate(admin.token()).orElseThrow().role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void refusesATakenName() {
        principals.create("ci", Role.READER);

        assertThatThrownBy(() -> principals.create("ci", Role.ADMIN))
                .isInstanceOf(ThingbusException.class)
                .extracting(e -> ((ThingbusException) e).code()).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void refusesAnInvalidName() {
        assertThatThrownBy(() -> principals.create("Has Spaces", Role.READER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> principals.create("", Role.READER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> principals.create("x".repeat(65), Role.READER)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void putReplacesTheTokenAndRefusesAShortOne() {
        String first = "a".repeat(32);
        String second = "b".repeat(40);
        principals.put("admin", Role.ADMIN, first);

        principals.put("admin", Role.ADMIN, second);

        assertThat(principals.authenticate(first)).isEmpty();
        assertThat(principals.authenticate(second).orElseThrow().name()).isEqualTo("admin");
        assertThatThrownBy(() -> principals.put("admin", Role.ADMIN, "short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> principals.put("admin", Role.ADMIN, "a".repeat(31) + " x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removingAPrincipalInvalidatesItsToken() {
        principals.create("keep", Role.ADMIN);
        IssuedToken gone = principals.create("gone", Role.READER);

        principals.remove("gone");

        assertThat(principals.authenticate(gone.token())).isEmpty();
        assertThatThrownBy(() -> principals.remove("gone"))
                .extracting(e -> ((ThingbusException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void theLastAdminCannotBeRemoved() {
        principals.create("first", Role.ADMIN);
        principals.create("second", Role.ADMIN);
        principals.remove("first");

        assertThatThrownBy(() -> principals.remove("second"))
                .extracting(e -> ((ThingbusException) e).code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(principals.hasAdmin()).isTrue();
    }

    @Test
    void rolesIncludeTheOnesBelowThem() {
        assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.READER)).isTrue();
        assertThat(Role.READER.includes(Role.OPERATOR)).isFalse();
        assertThat(Role.fromWireName("Operator")).isEqualTo(Role.OPERATOR);
        assertThatThrownBy(() -> Role.fromWireName("root")).isInstanceOf(IllegalArgumentException.class);
    }
}
