package io.thingbus.server.cli;

import io.thingbus.http.HttpServerConfig;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.registry.auth.FailureLimits;
import io.thingbus.server.RegistryConfig;
import io.thingbus.server.ServerConfig;
import io.thingbus.server.StorageConfig;
import io.thingbus.server.TelemetryConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for options not given on the command line: the environment ({@code --mqtt-port} reads
 * {@code THINGBUS_MQTT_PORT}), then the properties file named by {@code --config} or
 * {@code THINGBUS_CONFIG} (key {@code mqtt-port}), then the built-in default. The command line
 * itself wins over all of them.
 */
public final class ConfigDefaultProvider implements IDefaultValueProvider {

    /** The only command whose options come from the environment and the config file. */
    private static final String SERVER_COMMAND = "server";
    private static final MqttServerConfig BUILT_IN = MqttServerConfig.defaults();
    private static final RegistryConfig REGISTRY = RegistryConfig.defaults();
    private static final TelemetryConfig TELEMETRY = TelemetryConfig.defaults();
    private static final Map<String, String> BUILT_IN_VALUES = Map.ofEntries(
            Map.entry("host", BUILT_IN.host()),
            Map.entry("hostname", HttpServerConfig.DEFAULT_HOSTNAME),
            Map.entry("mqtt-port", String.valueOf(BUILT_IN.port())),
            Map.entry("http-port", String.valueOf(BUILT_IN.webSocketPort())),
            Map.entry("mqtts-port", String.valueOf(BUILT_IN.tlsPort())),
            Map.entry("https-port", String.valueOf(BUILT_IN.secureWebSocketPort())),
            Map.entry("data-dir", ServerConfig.defaults().dataDir().toString()),
            Map.entry("max-packet-size", String.valueOf(BUILT_IN.maxPacketSize())),
            Map.entry("receive-maximum", String.valueOf(BUILT_IN.receiveMaximum())),
            Map.entry("max-keep-alive", String.valueOf(BUILT_IN.maxKeepAlive().toSeconds())),
            Map.entry("max-session-expiry", String.valueOf(BUILT_IN.maxSessionExpiry().toSeconds())),
            Map.entry("max-queued-messages", String.valueOf(BUILT_IN.maxQueuedMessages())),
            Map.entry("max-queued-mb", String.valueOf(BUILT_IN.maxQueuedBytes() / (1024 * 1024))),
            Map.entry("fsync", StorageConfig.defaults().fsync().toString()),
            Map.entry("min-free-disk", String.valueOf(StorageConfig.DEFAULT_MIN_FREE_DISK_BYTES / (1024 * 1024))),
            Map.entry("allow-anonymous", "false"),
            Map.entry("auth-max-failures", String.valueOf(FailureLimits.DEFAULT.maxFailures())),
            Map.entry("auth-failure-window", String.valueOf(FailureLimits.DEFAULT.window().toSeconds())),
            Map.entry("auth-max-tracked", String.valueOf(FailureLimits.DEFAULT.maxTrackedKeys())),
            Map.entry("password-iterations", String.valueOf(REGISTRY.passwordIterations())),
            Map.entry("partitions", String.valueOf(REGISTRY.partitions())),
            Map.entry("allocation-policy", REGISTRY.allocation().wireName()),
            Map.entry("connectivity-events", String.valueOf(REGISTRY.keptConnectivityEvents())),
            Map.entry("telemetry-retention", TELEMETRY.retention().logMaxAge().toDays() + "d"),
            Map.entry("telemetry-max-bytes", (TELEMETRY.retention().logMaxBytes() >> 30) + "g"),
            Map.entry("event-retention", TELEMETRY.retention().eventMaxAge().toDays() + "d"),
            Map.entry("telemetry-max-payload", (TELEMETRY.maxPayloadBytes() >> 10) + "k"),
            Map.entry("pseudonymise-non-json", "pass-through"));

    private final Map<String, String> environment;
    private final Properties file;

    /**
     * @param environment the process environment
     * @param configFile  the properties file, or null for none
     */
    public ConfigDefaultProvider(Map<String, String> environment, Path configFile) {
        this.environment = environment;
        this.file = load(configFile);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || !option.longestName().startsWith("--")
                || !SERVER_COMMAND.equals(option.command().name())) {
            return null;
        }
        String key = option.longestName().substring(2);
        String fromEnvironment = environment.get(environmentName(key));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        String fromFile = file.getProperty(key);
        return fromFile != null ? fromFile : BUILT_IN_VALUES.get(key);
    }

    /**
     * The config file named on the command line ({@code --config FILE} or {@code --config=FILE}),
     * else by {@code THINGBUS_CONFIG}, else null. Read before parsing, because defaults are.
     */
    public static Path configFile(String[] args, Map<String, String> environment) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        String fromEnvironment = environment.get(environmentName("config"));
        return fromEnvironment == null ? null : Path.of(fromEnvironment);
    }

    /** {@code mqtt-port} becomes {@code THINGBUS_MQTT_PORT}. */
    static String environmentName(String key) {
        return "THINGBUS_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Properties load(Path path) {
        Properties properties = new Properties();
        if (path == null) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + path.toAbsolutePath(), e);
        }
        return properties;
    }
}
