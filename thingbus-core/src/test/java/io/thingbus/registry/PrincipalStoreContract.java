package io.thingbus.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PrincipalStore} must do; each implementation's test extends this. A principal
 * reads back exactly as written, and a store that survives a reopen keeps every write.
 */
public abstract class PrincipalStoreContract {

    /** A new, empty store. */
    protected abstract PrincipalStore newStore();

    /** The same store as another instance would see it after a restart (or the same one when it cannot). */
    protected abstract PrincipalStore reopen(PrincipalStore current);

    protected static ServicePrincipal principal(String name, Role role) {
        return new ServicePrincipal(name, role, TokenHash.of("token of " + name), Instant.parse("2026-11-21T10:15:30.123Z"));
    }

    @Test
    void isEmptyAtFirst() {
        PrincipalStore store = newStore();

        assertThat(store.all()).isEmpty();
        assertThat(store.find("admin")).isEmpty();
    }

    @Test
    void roundTripsEveryField() {
        PrincipalStore store = newStore();
        ServicePrincipal written = principal("ci.pipeline-1", Role.OPERATOR);

        store.put(written);

        ServicePrincipal read = reopen(store).find("ci.pipeline-1").orElseThrow();
        assertThat(read).isEqualTo(written);
        assertThat(read.tokenHash().hex()).isEqualTo(written.tokenHash().hex());
    }

    @Test
    void listsInNameOrder() {
        PrincipalStore store = newStore();
        store.put(principal("zeta", Role.READER));
        store.put(principal("alpha", Role.ADMIN));
        store.put(principal("mu", Role.OPERATOR));

        assertThat(reopen(store).all()).extracting(ServicePrincipal::name).containsExactly("alpha", "mu", "zeta");
    }

    @Test
    void putReplacesThePrincipalWithTheSameName() {
        PrincipalStore store = newStore();
        store.put(principal("ops", Role.READER));
        ServicePrincipal replacement = new ServicePrincipal("ops", Role.ADMIN, TokenHash.of("new token"),
                Instant.parse("2026-11-22T00:00:00Z"));

        store.put(replacement);

        PrincipalStore reopened = reopen(store);
        assertThat(reopened.all()).containsExactly(replacement);
    }

    @Test
    void removeForgetsThePrincipal() {
        PrincipalStore store = newStore();
        store.put(principal("ops", Role.READER));
        store.put(principal("keep", Role.READER));

        assertThat(store.remove("ops")).isTrue();
        assertThat(store.remove("ops")).isFalse();

        PrincipalStore reopened = reopen(store);
        assertThat(reopened.find("ops")).isEmpty();
        assertThat(reopened.all()).extracting(ServicePrincipal::name).containsExactly("keep");
    }
}
