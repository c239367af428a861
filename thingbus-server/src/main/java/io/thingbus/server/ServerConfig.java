package io.thingbus.server;

import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.registry.auth.AuthConfig;
import io.thingbus.server.tls.TlsConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything the hub needs to start: where its data lives and how each component is configured.
 *
 * @param dataDir the data directory (created if missing); {@code ports.json} is written there
 * @param mqtt    the broker's listeners and limits
 * @param storage the embedded store's durability and disk-space floor
 * @param tls     where the TLS listeners' certificate comes from (used only when a TLS listener is enabled)
 * @param api      the management API: the admin token THINGBUS_ADMIN_TOKEN sets, HTTP limits (the HTTP port
 *                 itself is {@code mqtt.webSocketPort()})
 * @param auth     how clients are authenticated and what the ACL rules are
 * @param registry partitions, allocation, connectivity log and password settings of the device registry
 * @param telemetry retention, pseudonymisation and payload limit of telemetry (its partitions are the registry's)
 */
public record ServerConfig(Path dataDir, MqttServerConfig mqtt, StorageConfig storage, TlsConfig tls, ApiConfig api,
                           AuthConfig auth, RegistryConfig registry, TelemetryConfig telemetry) {

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(telemetry, "telemetry");
    }

    /**
     * A hub with the API, authentication ({@link DefaultAclRules}, anonymous clients refused), registry and
     * telemetry on their defaults.
     */
    public ServerConfig(Path dataDir, MqttServerConfig mqtt, StorageConfig storage, TlsConfig tls) {
        this(dataDir, mqtt, storage, tls, ApiConfig.defaults(), DefaultAclRules.authConfig(), RegistryConfig.defaults(),
                TelemetryConfig.defaults());
    }

    /**
     * A hub whose TLS listeners (if enabled) present certificates it makes itself under {@code {dataDir}/tls},
     * with the API on its defaults.
     */
    public ServerConfig(Path dataDir, MqttServerConfig mqtt, StorageConfig storage) {
        this(dataDir, mqtt, storage, TlsConfig.generated());
    }

    /** The embedded defaults: {@code ./data}, MQTT on 1883, HTTP on 8080, MQTT/TLS on 8883, HTTPS on 8443, fsync always. */
    public static ServerConfig defaults() {
        return new ServerConfig(Path.of("data"), MqttServerConfig.defaults(), StorageConfig.defaults());
    }

    /** Defaults for tests and scripts: loopback, every port (TLS too) picked by the system, data in {@code dataDir}. */
    public static ServerConfig ephemeral(Path dataDir) {
        return new ServerConfig(dataDir, MqttServerConfig.defaults().withListeners("127.0.0.1", 0, 0).withTlsListeners(0, 0),
                StorageConfig.defaults());
    }

    public ServerConfig withMqtt(MqttServerConfig newMqtt) {
        return new ServerConfig(dataDir, newMqtt, storage, tls, api, auth, registry, telemetry);
    }

    public ServerConfig withStorage(StorageConfig newStorage) {
        return new ServerConfig(dataDir, mqtt, newStorage, tls, api, auth, registry, telemetry);
    }

    public ServerConfig withTls(TlsConfig newTls) {
        return new ServerConfig(dataDir, mqtt, storage, newTls, api, auth, registry, telemetry);
    }

    public ServerConfig withApi(ApiConfig newApi) {
        return new ServerConfig(dataDir, mqtt, storage, tls, newApi, auth, registry, telemetry);
    }

    public ServerConfig withAuth(AuthConfig newAuth) {
        return new ServerConfig(dataDir, mqtt, storage, tls, api, newAuth, registry, telemetry);
    }

    public ServerConfig withRegistry(RegistryConfig newRegistry) {
        return new ServerConfig(dataDir, mqtt, storage, tls, api, auth, newRegistry, telemetry);
    }

    public ServerConfig withTelemetry(TelemetryConfig newTelemetry) {
        return new ServerConfig(dataDir, mqtt, storage, tls, api, auth, registry, newTelemetry);
    }
}
