package io.thingbus.server.cli;

import static io.thingbus.server.cli.CliHub.block;
import static io.thingbus.server.cli.CliHub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import io.thingbus.errors.ErrorCode;
import io.thingbus.server.cli.CliHub.Run;
import io.thingbus.server.cli.user.PasswordInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code thingbus user ...} in-process against a whole hub on port 0; the users it makes connect over MQTT. */
class UserCommandTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    private CliHub hub;

    @BeforeEach
    void start() throws InterruptedException {
        hub = CliHub.start(dataDir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void createReadsThePasswordsFirstLineFromAFile() throws IOException {
        Path file = Files.writeString(files.resolve("password"), "correct horse battery\nsecond line\n");

        Run created = hub.command("user", "create", "alice", "--password-file", file.toString());

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(block(created.out())).containsEntry("name", "alice").containsKey("created");
        assertThat(created.out() + created.err()).doesNotContain("horse");
        connect("alice", "correct horse battery");
        refused("alice", "correct horse battery\n");
    }

    @Test
    void createReadsThePasswordFromStandardInput() {
        hub.passwords = new PasswordInput(new ByteArrayInputStream("from stdin 1\r\n".getBytes(StandardCharsets.UTF_8)), null);

        Run created = hub.command("user", "create", "bob", "--password-stdin", "--json");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(json(created.out()).get("name").asText()).isEqualTo("bob");
        assertThat(json(created.out()).has("password")).isFalse();
        connect("bob", "from stdin 1");
    }

    @Test
    void withoutAnOptionThePasswordIsAskedForTwiceOnTheConsole() {
        List<String> prompts = new ArrayList<>();
        hub.passwords = console(prompts, "typed secret", "typed secret");

        Run created = hub.command("user", "create", "carol");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(prompts).containsExactly("Password for carol: ", "Again: ");
        connect("carol", "typed secret");

        hub.passwords = console(new ArrayList<>(), "typed secret", "typo secret");
        Run differ = hub.command("user", "create", "dave");
        assertThat(differ.exitCode()).isEqualTo(2);
        assertThat(differ.err()).contains("the two passwords differ").doesNotContain("secret");

        hub.passwords = new PasswordInput(new ByteArrayInputStream(new byte[0]), null);
        Run noConsole = hub.command("user", "create", "dave");
        assertThat(noConsole.exitCode()).isEqualTo(2);
        assertThat(noConsole.err()).contains("--password-file FILE or --password-stdin");
        assertThat(hub.command("user", "list").out()).doesNotContain("dave");
    }

    @Test
    void thereIsNoPasswordOptionAndTheSourcesExcludeEachOther() throws IOException {
        Path file = Files.writeString(files.resolve("password"), "correct horse battery\n");

        assertThat(hub.command("user", "create", "eve", "--password", "on the command line").exitCode()).isEqualTo(2);
        assertThat(hub.command("user", "create", "eve", "--password-file", file.toString(), "--password-stdin").exitCode())
                .isEqualTo(2);
        Run missing = hub.command("user", "create", "eve", "--password-file", files.resolve("absent").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read the password");
        assertThat(hub.command("user", "list").out()).doesNotContain("eve");
    }

    @Test
    void listAndDeleteAndWhatTheHubRefuses() throws IOException {
        Path file = Files.writeString(files.resolve("password"), "correct horse battery\n");
        hub.command("user", "create", "zed", "--password-file", file.toString());
        hub.command("user", "create", "alice", "--password-file", file.toString());

        Run list = hub.command("user", "list");
        assertThat(list.out().lines().toList()).hasSize(3);
        assertThat(list.out()).matches("NAME +CREATED\nalice +\\S+Z\nzed +\\S+Z\n");
        assertThat(json(hub.command("user", "list", "--json").out()).get("items")).hasSize(2);

        assertThat(hub.command("user", "create", "alice", "--password-file", file.toString()).exitCode())
                .isEqualTo(ErrorCode.CONFLICT.cliExitCode());
        Run shortPassword = hub.command("user", "create", "bob", "--password-file",
                Files.writeString(files.resolve("short"), "2short\n").toString());
        assertThat(shortPassword.exitCode()).isEqualTo(ErrorCode.BAD_REQUEST.cliExitCode());
        assertThat(shortPassword.err()).startsWith("error: bad request: ").doesNotContain("2short");

        assertThat(hub.command("user", "delete", "zed").out()).isEqualTo("deleted zed\n");
        refused("zed", "correct horse battery");
        Run gone = hub.command("user", "delete", "zed");
        assertThat(gone.exitCode()).isEqualTo(ErrorCode.NOT_FOUND.cliExitCode());
        assertThat(gone.err()).startsWith("error: not found: ");
    }

    @Test
    void usersAreForAdminsOnly() throws IOException {
        hub.environment.put("THINGBUS_TOKEN", hub.token("operator"));

        Run list = hub.command("user", "list");
        assertThat(list.exitCode()).isEqualTo(ErrorCode.NOT_AUTHORIZED.cliExitCode());
        assertThat(list.err()).startsWith("error: not authorized: ");
        assertThat(hub.command("user", "create", "alice", "--password-file",
                Files.writeString(files.resolve("password"), "correct horse battery\n").toString()).exitCode())
                .isEqualTo(ErrorCode.NOT_AUTHORIZED.cliExitCode());
    }

    /** A console that answers each prompt with the next of {@code answers}, noting the prompts. */
    private static PasswordInput console(List<String> prompts, String... answers) {
        Iterator<String> next = List.of(answers).iterator();
        return new PasswordInput(new ByteArrayInputStream(new byte[0]), prompt -> {
            prompts.add(prompt);
            return next.next().toCharArray();
        });
    }

    private void connect(String user, String password) {
        Mqtt5BlockingClient client = client(user);
        client.connectWith().simpleAuth().username(user).password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        client.disconnect();
    }

    private void refused(String user, String password) {
        Mqtt5BlockingClient client = client(user);
        assertThatThrownBy(() -> client.connectWith().simpleAuth().username(user)
                .password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send())
                .isInstanceOf(Mqtt5ConnAckException.class);
    }

    private Mqtt5BlockingClient client(String user) {
        return MqttClient.builder().useMqttVersion5().identifier(user + "-client").serverHost("127.0.0.1")
                .serverPort(hub.mqttPort()).buildBlocking();
    }
}
