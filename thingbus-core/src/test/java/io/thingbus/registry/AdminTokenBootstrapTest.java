package io.thingbus.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenBootstrapTest {

    @TempDir
    Path dataDir;

    private final InMemoryPrincipalStore store = new InMemoryPrincipalStore();
    private final ServicePrincipals principals = new ServicePrincipals(store, Clock.systemUTC(), new SecureRandom());
    private final List<String> console = new ArrayList<>();
    private AdminTokenBootstrap bootstrap;

    @BeforeEach
    void createBootstrap() {
        bootstrap = new AdminTokenBootstrap(principals, dataDir, console::add);
    }

    @Test
    void firstStartCreatesAnAdminWritesTheTokenFileWithMode600AndShowsItOnce() throws IOException {
        assertThat(bootstrap.run(null)).isEqualTo(AdminTokenBootstrap.Outcome.CREATED);

        Path file = dataDir.resolve("admin.token");
        String token = Files.readString(file).strip();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(principals.authenticate(token).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(store.find("admin").orElseThrow().tokenHash().hex()).isNotEqualTo(token).hasSize(64);
        assertThat(console).filteredOn(line -> line.contains(token)).hasSize(1);
        assertThat(dataDir.resolve("admin.token.tmp")).doesNotExist();
    }

    @Test
    void laterStartsChangeNothingAndShowNothing() throws IOException {
        bootstrap.run(null);
        String token = Files.readString(dataDir.resolve("admin.token")).strip();
        console.clear();

        assertThat(bootstrap.run(null)).isEqualTo(AdminTokenBootstrap.Outcome.EXISTING);

        assertThat(console).isEmpty();
        assertThat(Files.readString(dataDir.resolve("admin.token")).strip()).isEqualTo(token);
        assertThat(principals.authenticate(token)).isPresent();
    }

    @Test
    void configuredTokenBecomesTheAdminTokenAndNothingIsWrittenOrShown() {
        String configured = "configured-admin-token-0123456789abcdef";

        assertThat(bootstrap.run(configured)).isEqualTo(AdminTokenBootstrap.Outcome.CONFIGURED);

        assertThat(principals.authenticate(configured).orElseThrow().name()).isEqualTo("admin");
        assertThat(dataDir.resolve("admin.token")).doesNotExist();
        assertThat(console).isEmpty();
    }

    @Test
    void configuredTokenReplacesTheFirstStartTokenAndRemovesItsFile() throws IOException {
        bootstrap.run(null);
        String firstStart = Files.readString(dataDir.resolve("admin.token")).strip();
        String configured = "configured-admin-token-0123456789abcdef";

        bootstrap.run(configured);

        assertThat(principals.authenticate(firstStart)).isEmpty();
        assertThat(principals.authenticate(configured)).isPresent();
        assertThat(dataDir.resolve("admin.token")).doesNotExist();
    }

    @Test
    void anotherAdminMeansNoFirstStartToken() {
        principals.create("ops-admin", Role.ADMIN);

        assertThat(bootstrap.run(null)).isEqualTo(AdminTokenBootstrap.Outcome.EXISTING);
        assertThat(dataDir.resolve("admin.token")).doesNotExist();
    }
}
