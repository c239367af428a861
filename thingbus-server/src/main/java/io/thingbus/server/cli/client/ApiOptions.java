package io.thingbus.server.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingbus.registry.AdminTokenBootstrap;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The options every command that calls the API shares (a picocli mixin), and how they are resolved:
 * <ul>
 *   <li>{@code --url}, else THINGBUS_URL, else the HTTP port in {@code {data-dir}/ports.json} on 127.0.0.1
 *       (a hub started on this machine), else {@code http://127.0.0.1:8080};</li>
 *   <li>{@code --token}, else THINGBUS_TOKEN, else {@code {data-dir}/admin.token} when readable;</li>
 *   <li>{@code --data-dir}, else THINGBUS_DATA_DIR, else {@code ./data};</li>
 *   <li>{@code --json}: print the API's JSON as it came.</li>
 * </ul>
 */
public final class ApiOptions {

    static final String URL_VARIABLE = "THINGBUS_URL";
    static final String TOKEN_VARIABLE = "THINGBUS_TOKEN";
    static final String DATA_DIR_VARIABLE = "THINGBUS_DATA_DIR";
    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    private static final String PORTS_FILE = "ports.json";

    @Option(names = "--url", paramLabel = "URL",
            description = "The hub's HTTP address. Default: THINGBUS_URL, else the HTTP port in {data-dir}/ports.json"
                    + " on 127.0.0.1, else " + DEFAULT_URL + ".")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token. Default: THINGBUS_TOKEN, else {data-dir}/admin.token. Prefer the variable:"
                    + " a command line is visible to every user of the machine.")
    String token;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The hub's data directory, for ports.json and admin.token. Default: THINGBUS_DATA_DIR, else ./data.")
    Path dataDir;

    @Option(names = "--json", description = "Print the API's JSON answer as it is.")
    boolean json;

    /** Whether to print the API's JSON rather than text for people. */
    public boolean json() {
        return json;
    }

    /** Prints an API answer: as it came with {@code --json}, else through {@code asText}. */
    public void print(PrintWriter out, String answer, Consumer<JsonNode> asText) {
        if (json) {
            out.println(answer);
            out.flush();
        } else {
            asText.accept(ApiClient.parse(answer));
        }
    }

    /** A client for the hub these options (and {@code environment}) name. */
    public ApiClient client(Map<String, String> environment) {
        Path dir = dataDir != null ? dataDir : Path.of(environment.getOrDefault(DATA_DIR_VARIABLE, "data"));
        return new ApiClient(URI.create(baseUrl(environment, dir)), token(environment, dir));
    }

    private String baseUrl(Map<String, String> environment, Path dir) {
        if (url != null) {
            return url;
        }
        if (environment.containsKey(URL_VARIABLE)) {
            return environment.get(URL_VARIABLE);
        }
        int port = httpPort(dir.resolve(PORTS_FILE));
        return port > 0 ? "http://127.0.0.1:" + port : DEFAULT_URL;
    }

    private String token(Map<String, String> environment, Path dir) {
        if (token != null) {
            return token;
        }
        if (environment.containsKey(TOKEN_VARIABLE)) {
            return environment.get(TOKEN_VARIABLE);
        }
        Path file = dir.resolve(AdminTokenBootstrap.TOKEN_FILE);
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** The {@code "http"} port of a ports.json, or -1 when there is no usable one. */
    private static int httpPort(Path portsFile) {
        if (!Files.isReadable(portsFile)) {
            return -1;
        }
        try {
            JsonNode ports = new ObjectMapper().readTree(portsFile.toFile());
            return ports.path("http").asInt(-1);
        } catch (IOException unreadable) {
            return -1;
        }
    }
}
