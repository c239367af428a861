package io.thingbus.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingbus.server.ServerConfig;
import io.thingbus.server.StorageConfig;
import io.thingbus.server.ThingbusServer;
import io.thingbus.server.cli.client.ApiClient;
import io.thingbus.server.cli.user.PasswordInput;
import io.thingbus.storage.FsyncPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A whole hub on port 0 with its data in a temporary directory (no fsync: these tests kill no hub), and the
 * {@code thingbus} command line run in-process against it (found through the data directory, as on the
 * hub's own machine).
 */
final class CliHub implements AutoCloseable {

    /** What one command printed and how it exited. */
    record Run(int exitCode, String out, String err) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dataDir;
    final Map<String, String> environment = new HashMap<>();
    private final ThingbusServer hub;
    private final ApiClient admin;
    /** Where {@code user create} reads passwords: no standard input and no console unless a test sets one. */
    PasswordInput passwords = new PasswordInput(InputStream.nullInputStream(), null);
    private boolean closed;

    private CliHub(Path dataDir, ThingbusServer hub) {
        this.dataDir = dataDir;
        this.hub = hub;
        this.admin = new ApiClient(URI.create("http://127.0.0.1:" + hub.httpPort()), adminToken());
    }

    static CliHub start(Path dataDir) throws InterruptedException {
        ServerConfig config = ServerConfig.ephemeral(dataDir);
        config = config.withMqtt(config.mqtt().withTlsListeners(-1, -1))
                .withStorage(new StorageConfig(FsyncPolicy.NEVER, StorageConfig.DEFAULT_MIN_FREE_DISK_BYTES));
        return new CliHub(dataDir, ThingbusServer.start(config,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }

    int mqttPort() {
        return hub.mqttPort();
    }

    int httpPort() {
        return hub.httpPort();
    }

    /** {@code thingbus ARGS --data-dir <the hub's>}: the options go last, after the subcommand's name. */
    Run command(String... args) {
        return run(withDataDir(args));
    }

    /** {@code thingbus ARGS} as given. */
    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = run(out, err, args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** {@code thingbus ARGS} printing into writers another thread may read while it runs; its exit code. */
    int run(StringWriter out, StringWriter err, String... args) {
        return ThingbusCommand.commandLine(args, environment, passwords)
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    /** {@link #command}'s arguments: ARGS and the hub's data directory. */
    String[] withDataDir(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dataDir.toString();
        return all;
    }

    /** Calls the API as the admin, through the CLI's own client, and parses the answer (null when it has no body). */
    JsonNode api(String method, String path, String body) {
        try {
            String answer = switch (method) {
                case "GET" -> admin.get(path);
                case "DELETE" -> admin.delete(path);
                default -> admin.send(method, path, JSON.readTree(body));
            };
            return answer.isEmpty() ? null : JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** A new token of the role {@code role}. */
    String token(String role) {
        return api("POST", "/api/v1/principals", "{\"name\": \"" + role + "-1\", \"role\": \"" + role + "\"}")
                .get("token").asText();
    }

    String adminToken() {
        try {
            return Files.readString(dataDir.resolve("admin.token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code key: value} lines as a map. */
    static Map<String, String> block(String text) {
        Map<String, String> entries = new HashMap<>();
        for (String line : text.lines().toList()) {
            int colon = line.indexOf(": ");
            entries.put(line.substring(0, colon), line.substring(colon + 2).strip());
        }
        return entries;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the hub; again is harmless. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            hub.close();
        }
    }
}
