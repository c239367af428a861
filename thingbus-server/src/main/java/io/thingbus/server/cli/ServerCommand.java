package io.thingbus.server.cli;

import io.thingbus.http.HttpServerConfig;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.registry.auth.AclRules;
import io.thingbus.registry.auth.AuthConfig;
import io.thingbus.registry.auth.AuthKeyFiles;
import io.thingbus.registry.auth.FailureLimits;
import io.thingbus.registry.auth.JwtConfig;
import io.thingbus.registry.provisioning.AllocationPolicy;
import io.thingbus.server.ApiConfig;
import io.thingbus.server.DefaultAclRules;
import io.thingbus.server.RegistryConfig;
import io.thingbus.server.ServerConfig;
import io.thingbus.server.StorageConfig;
import io.thingbus.server.TelemetryConfig;
import io.thingbus.server.cli.device.LifetimeConverter;
import io.thingbus.telemetry.PseudonymisationConfig.InvalidPayload;
import io.thingbus.telemetry.TelemetryRetention;
import io.thingbus.storage.FsyncPolicy;
import io.thingbus.server.ThingbusServer;
import io.thingbus.server.tls.TlsConfig;
import io.thingbus.server.tls.TlsSetupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code thingbus server}: runs the hub until SIGTERM or Ctrl-C. Every option can also come from the
 * environment ({@code THINGBUS_MQTT_PORT}, ...) or a properties file ({@code --config}); the command
 * line wins over the environment, which wins over the file.
 */
@Command(name = "server",
        mixinStandardHelpOptions = true,
        description = "Run the hub on its embedded defaults (data in ./data, MQTT 1883, HTTP 8080, MQTT/TLS 8883, HTTPS 8443).")
public final class ServerCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with option names as keys (mqtt-port=1883). Env: THINGBUS_CONFIG.")
    Path configFile;

    @Option(names = "--host", description = "Bind address of every listener (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--hostname", paramLabel = "NAME",
            description = "The name devices dial (DNS name or IP address): the HostName of device connection strings"
                    + " and the host of their SAS tokens (default: ${DEFAULT-VALUE}). Not a bind address: see --host.")
    String hostname;

    @Option(names = "--mqtt-port", description = "MQTT over TCP; 0 picks a free port (default: ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--http-port",
            description = "HTTP port, with MQTT over WebSocket at /mqtt and /$iothub/websocket; 0 picks a free port,"
                    + " -1 disables it (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--mqtts-port",
            description = "MQTT over TLS; 0 picks a free port, -1 disables it (default: ${DEFAULT-VALUE}).")
    int mqttsPort;

    @Option(names = "--https-port",
            description = "HTTPS port, with MQTT over secure WebSocket at /mqtt and /$iothub/websocket (Azure IoT"
                    + " device SDKs dial 443); 0 picks a free port, -1 disables it (default: ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain (server's first) for the TLS listeners; with --tls-key. Default:"
                    + " the hub's own, made under {data-dir}/tls/ and signed by its CA there (ca.pem).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM private key (PKCS#8, unencrypted) of --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-san", paramLabel = "NAME", split = ",",
            description = "Another host name or IP address for the hub's own TLS certificate, which always names"
                    + " localhost, this machine's host name, 127.0.0.1 and ::1; repeat or separate with commas.")
    List<String> tlsSubjectAltNames;

    @Option(names = "--data-dir", description = "Data directory; ports.json is written there (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--max-packet-size", description = "Largest MQTT packet accepted, bytes (default: ${DEFAULT-VALUE}).")
    int maxPacketSize;

    @Option(names = "--receive-maximum",
            description = "Unacknowledged QoS 1/2 publishes a client may send (default: ${DEFAULT-VALUE}).")
    int receiveMaximum;

    @Option(names = "--max-keep-alive", description = "Longest keep-alive granted, seconds (default: ${DEFAULT-VALUE}).")
    long maxKeepAlive;

    @Option(names = "--max-session-expiry",
            description = "Longest session expiry granted, seconds (default: ${DEFAULT-VALUE} = never).")
    long maxSessionExpiry;

    @Option(names = "--max-queued-messages",
            description = "QoS 1/2 messages queued per session (default: ${DEFAULT-VALUE}).")
    int maxQueuedMessages;

    @Option(names = "--max-queued-mb", paramLabel = "MIB",
            description = "Payload MiB queued per session (default: ${DEFAULT-VALUE}).")
    long maxQueuedMib;

    @Option(names = "--fsync", paramLabel = "POLICY",
            description = "When the store syncs to disk: always (group-committed), interval:<ms> or never (default: ${DEFAULT-VALUE}).")
    String fsync;

    @Option(names = "--min-free-disk", paramLabel = "MIB",
            description = "Disk-space floor in MiB below which new publishes are refused (default: ${DEFAULT-VALUE}).")
    long minFreeDiskMib;

    @Option(names = "--allow-anonymous", negatable = true, fallbackValue = "true",
            description = "Let clients without credentials connect, with the ACL rules for anonymous clients and"
                    + " never a device topic (default: ${DEFAULT-VALUE}).")
    boolean allowAnonymous;

    @Option(names = "--acl-file", paramLabel = "FILE",
            description = "JSON file of ACL rules (see docs/configuration.md). Default: the built-in rules (users and"
                    + " anonymous clients may use every topic outside devices/#, $iothub/# and $dps/#).")
    Path aclFile;

    @Option(names = "--jwt-hmac-secret-file", paramLabel = "FILE", split = ",",
            description = "File holding an HS256 secret (at least 32 bytes) for JWT entitlement tokens; repeatable.")
    List<Path> jwtSecretFiles;

    @Option(names = "--jwt-public-key", paramLabel = "FILE", split = ",",
            description = "PEM RSA public key for RS256 JWT entitlement tokens; repeatable.")
    List<Path> jwtPublicKeys;

    @Option(names = "--jwt-issuer", description = "The iss every JWT must carry (default: not checked).")
    String jwtIssuer;

    @Option(names = "--jwt-audience", description = "An aud every JWT must carry (default: not checked).")
    String jwtAudience;

    @Option(names = "--client-ca", paramLabel = "FILE", split = ",",
            description = "PEM CA certificate(s) device certificates may chain to (CN = device id); repeatable.")
    List<Path> clientCas;

    @Option(names = "--auth-max-failures",
            description = "Failed authentications per address and per id before refusing at once; 0 turns the"
                    + " limit off (default: ${DEFAULT-VALUE}).")
    int authMaxFailures;

    @Option(names = "--auth-failure-window", paramLabel = "SECONDS",
            description = "Seconds failures are counted over, and a block lasts (default: ${DEFAULT-VALUE}).")
    long authFailureWindow;

    @Option(names = "--auth-max-tracked",
            description = "Addresses and ids the failure limiter remembers at most (default: ${DEFAULT-VALUE}).")
    int authMaxTracked;

    @Option(names = "--password-iterations",
            description = "PBKDF2 iterations for new MQTT user passwords (default: ${DEFAULT-VALUE}).")
    int passwordIterations;

    @Option(names = "--partitions",
            description = "Telemetry partitions devices are allocated to (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--allocation-policy", paramLabel = "POLICY",
            description = "How a new device's partition is chosen: hash, least-loaded or tag:NAME"
                    + " (default: ${DEFAULT-VALUE}).")
    String allocationPolicy;

    @Option(names = "--connectivity-events",
            description = "Connect and disconnect events the hub keeps (default: ${DEFAULT-VALUE}).")
    long connectivityEvents;

    @Option(names = "--telemetry-retention", paramLabel = "AGE", converter = LifetimeConverter.class,
            description = "How long the telemetry log keeps messages: seconds, or a number with s, m, h or d"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration telemetryRetention;

    @Option(names = "--telemetry-max-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Bytes the telemetry log keeps per partition, oldest removed first; a number with k, m or g"
                    + " (default: ${DEFAULT-VALUE}).")
    long telemetryMaxBytes;

    @Option(names = "--event-retention", paramLabel = "AGE", converter = LifetimeConverter.class,
            description = "How long the event store keeps events, to the day (default: ${DEFAULT-VALUE}).")
    Duration eventRetention;

    @Option(names = "--telemetry-max-payload", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            description = "Largest telemetry payload a device may post over HTTP (default: ${DEFAULT-VALUE}).")
    long telemetryMaxPayload;

    @Option(names = "--pseudonymise", paramLabel = "FIELD", split = ",",
            description = "Replace this value by a keyed hash at ingest: a JSON pointer into the payload (/patient/name)"
                    + " or an application property name; repeatable.")
    List<String> pseudonymise;

    @Option(names = "--pseudonym-key-file", paramLabel = "FILE",
            description = "File with the hub secret of the pseudonyms (at least 16 bytes). Default: {data-dir}/"
                    + "pseudonym.key, made on first use (mode 600).")
    Path pseudonymKeyFile;

    @Option(names = "--pseudonymise-non-json", paramLabel = "ACTION",
            description = "What happens to a payload that is not JSON while JSON pointers are pseudonymised:"
                    + " pass-through (stored unchanged) or refuse (default: ${DEFAULT-VALUE}).")
    String pseudonymiseNonJson;

    @Spec
    CommandSpec spec;

    /** The process environment, for THINGBUS_ADMIN_TOKEN (never an option: a command line is visible to every user). */
    Map<String, String> environment = Map.of();

    @Override
    public Integer call() throws InterruptedException {
        ThingbusServer server;
        try {
            server = ThingbusServer.start(
                    new ServerConfig(dataDir, mqttConfig(), storageConfig(), tlsConfig(), apiConfig(), authConfig(),
                            registryConfig(), telemetryConfig()));
        } catch (TlsSetupException unusable) {
            throw new ParameterException(spec.commandLine(), "cannot serve TLS: " + unusable.getMessage(), unusable);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "thingbus-shutdown"));
        stopped.await();
        return 0;
    }

    /** The API configuration: the hub's public host name, and the admin token from THINGBUS_ADMIN_TOKEN, if set. */
    ApiConfig apiConfig() {
        try {
            return new ApiConfig(environment.get(ApiConfig.ADMIN_TOKEN_VARIABLE),
                    HttpServerConfig.defaults().withHostname(hostname));
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), "invalid configuration: " + invalid.getMessage());
        }
    }

    /** Authentication and ACLs from the options; an unreadable or invalid file is a usage error naming it. */
    AuthConfig authConfig() {
        try {
            AuthConfig auth = DefaultAclRules.authConfig()
                    .withAllowAnonymous(allowAnonymous)
                    .withJwt(new JwtConfig(readEach(jwtSecretFiles, AuthKeyFiles::readHmacSecret),
                            readEach(jwtPublicKeys, AuthKeyFiles::readRsaPublicKey), jwtIssuer, jwtAudience))
                    .withTrustedCas(readEach(clientCas, AuthKeyFiles::readCertificates).stream()
                            .flatMap(List::stream).toList())
                    .withFailureLimits(new FailureLimits(authMaxFailures, Duration.ofSeconds(authFailureWindow),
                            authMaxTracked));
            return aclFile == null ? auth : auth.withRules(AclRules.parse(Files.readString(aclFile)));
        } catch (IllegalArgumentException | UncheckedIOException invalid) {
            throw new ParameterException(spec.commandLine(), "invalid configuration: " + invalid.getMessage());
        } catch (IOException unreadable) {
            throw new ParameterException(spec.commandLine(), "invalid configuration: cannot read --acl-file "
                    + aclFile + ": " + unreadable.getMessage());
        }
    }

    /** The registry configuration from the options; a bad value is a usage error naming it. */
    RegistryConfig registryConfig() {
        try {
            return new RegistryConfig(partitions, AllocationPolicy.parse(allocationPolicy), connectivityEvents,
                    passwordIterations);
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), "invalid configuration: " + invalid.getMessage());
        }
    }

    /** Telemetry retention, pseudonymisation and payload limit from the options; a bad value is a usage error. */
    TelemetryConfig telemetryConfig() {
        try {
            if (telemetryMaxPayload > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--telemetry-max-payload must be below 2g, was " + telemetryMaxPayload);
            }
            return new TelemetryConfig(new TelemetryRetention(telemetryRetention, telemetryMaxBytes, eventRetention),
                    pseudonymise == null ? List.of() : pseudonymise, pseudonymKeyFile, nonJsonAction(),
                    (int) telemetryMaxPayload);
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), "invalid configuration: " + invalid.getMessage());
        }
    }

    private InvalidPayload nonJsonAction() {
        return switch (pseudonymiseNonJson) {
            case "pass-through" -> InvalidPayload.PASS_THROUGH;
            case "refuse" -> InvalidPayload.REFUSE;
            default -> throw new IllegalArgumentException("--pseudonymise-non-json is pass-through or refuse, was '"
                    + pseudonymiseNonJson + "'");
        };
    }

    private static <T> List<T> readEach(List<Path> files, Function<Path, T> reader) {
        return files == null ? List.of() : files.stream().map(reader).toList();
    }

    /** The storage configuration from the options; a bad value is a usage error naming it. */
    StorageConfig storageConfig() {
        try {
            return new StorageConfig(FsyncPolicy.parse(fsync), minFreeDiskMib * 1024 * 1024);
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), "invalid configuration: " + invalid.getMessage());
        }
    }

    /** Where the TLS certificate comes from; giving only one of --tls-cert and --tls-key is a usage error. */
    TlsConfig tlsConfig() {
        try {
            return new TlsConfig(tlsCert, tlsKey, tlsSubjectAltNames);
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), "invalid configuration: " + invalid.getMessage());
        }
    }

    /** The broker configuration from the options; a bad value is a usage error naming it. */
    MqttServerConfig mqttConfig() {
        MqttServerConfig defaults = MqttServerConfig.defaults();
        try {
            return defaults.toBuilder()
                    .host(host).port(mqttPort).webSocketPort(httpPort).tlsPort(mqttsPort).secureWebSocketPort(httpsPort)
                    .maxPacketSize(maxPacketSize).receiveMaximum(receiveMaximum)
                    .maxKeepAlive(Duration.ofSeconds(maxKeepAlive)).maxSessionExpiry(Duration.ofSeconds(maxSessionExpiry))
                    .maxQueuedMessages(maxQueuedMessages).maxQueuedBytes(maxQueuedMib * 1024 * 1024)
                    .build();
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), "invalid configuration: " + invalid.getMessage());
        }
    }
}
