package io.thingbus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.registry.PrincipalStore;
import io.thingbus.registry.PrincipalStoreContract;
import io.thingbus.registry.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonPrincipalStoreTest extends PrincipalStoreContract {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("principals.json");
    }

    @Override
    protected PrincipalStore newStore() {
        return JsonPrincipalStore.open(file());
    }

    @Override
    protected PrincipalStore reopen(PrincipalStore current) {
        return JsonPrincipalStore.open(file());
    }

    @Test
    void writesFormatOneWithOnlyTheHashAndMode600() throws IOException {
        JsonPrincipalStore store = JsonPrincipalStore.open(file());

        store.put(principal("admin", Role.ADMIN));

        String json = Files.readString(file());
        assertThat(json).contains("\"format\" : 1").contains("\"tokenSha256\"").contains("\"role\" : \"admin\"")
                .doesNotContain("token of admin");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        assertThat(dir.resolve("principals.json.tmp")).doesNotExist();
    }

    @Test
    void aMissingFileIsAnEmptyStoreAndStaysMissingUntilTheFirstWrite() {
        JsonPrincipalStore store = JsonPrincipalStore.open(file());

        assertThat(store.all()).isEmpty();
        assertThat(file()).doesNotExist();
    }

    @Test
    void refusesAnotherFormat() throws IOException {
        Files.writeString(file(), "{\"format\": 2, \"principals\": []}");

        assertThatThrownBy(() -> JsonPrincipalStore.open(file()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("format 2");
    }

    @Test
    void refusesACorruptFileOrEntry() throws IOException {
        Files.writeString(file(), "{\"format\": 1, \"principals\": [");
        assertThatThrownBy(() -> JsonPrincipalStore.open(file())).isInstanceOf(IllegalStateException.class);

        Files.writeString(file(), "{\"format\": 1, \"principals\": [{\"name\": \"x\", \"role\": \"root\", "
                + "\"tokenSha256\": \"00\", \"created\": \"2026-01-01T00:00:00Z\"}]}");
        assertThatThrownBy(() -> JsonPrincipalStore.open(file()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("\"x\"");
    }
}
