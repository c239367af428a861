package io.thingbus.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path directory;

    @Test
    void aSecretIsWrittenOwnerOnlyAndReplacesTheOldContentWithoutLeavingTheTemporaryFile() throws Exception {
        Path file = directory.resolve("secret.key");
        Files.writeString(file, "old");

        assertThat(AtomicFiles.writeOwnerOnly(file, "new".getBytes(StandardCharsets.UTF_8))).isTrue();

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(directory.resolve("secret.key.tmp")).doesNotExist();
    }

    @Test
    void aStaleTemporaryFileFromACrashIsReplaced() throws Exception {
        Path file = directory.resolve("ports.json");
        Files.writeString(directory.resolve("ports.json.tmp"), "half writ");

        AtomicFiles.write(file, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("{}");
        assertThat(directory.resolve("ports.json.tmp")).doesNotExist();
    }
}
