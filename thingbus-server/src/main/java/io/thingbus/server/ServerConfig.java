package io.thingbus.server;

import io.thingbus.mqtt.MqttServerConfig;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything the hub needs to start: where its data lives and how each component is configured.
 *
 * @param dataDir the data directory (created if missing); {@code ports.json} is written there
 * @param mqtt    the broker's listeners and limits
 * @param storage the embedded store's durability and disk-space floor
 * @param api     the management API: the admin token THINGBUS_ADMIN_TOKEN sets, HTTP limits (the HTTP port
 *                itself is {@code mqtt.webSocketPort()})
 */
public record ServerConfig(Path dataDir, MqttServerConfig mqtt, StorageConfig storage, ApiConfig api) {

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(api, "api");
    }

    /** The API on its defaults: no configured admin token. */
    public ServerConfig(Path dataDir, MqttServerConfig mqtt, StorageConfig storage) {
        this(dataDir, mqtt, storage, ApiConfig.defaults());
    }

    /** The embedded defaults: {@code ./data}, MQTT on 1883, HTTP on 8080, fsync always. */
    public static ServerConfig defaults() {
        return new ServerConfig(Path.of("data"), MqttServerConfig.defaults(), StorageConfig.defaults());
    }

    /** Defaults for tests and scripts: loopback, every port picked by the system, data in {@code dataDir}. */
    public static ServerConfig ephemeral(Path dataDir) {
        return new ServerConfig(dataDir, MqttServerConfig.defaults().withListeners("127.0.0.1", 0, 0),
                StorageConfig.defaults());
    }

    public ServerConfig withMqtt(MqttServerConfig newMqtt) {
        return new ServerConfig(dataDir, newMqtt, storage, api);
    }

    public ServerConfig withStorage(StorageConfig newStorage) {
        return new ServerConfig(dataDir, mqtt, newStorage, api);
    }

    public ServerConfig withApi(ApiConfig newApi) {
        return new ServerConfig(dataDir, mqtt, storage, newApi);
    }
}
