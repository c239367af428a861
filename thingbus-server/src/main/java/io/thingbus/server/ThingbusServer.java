package io.thingbus.server;

import io.thingbus.mqtt.MqttServer;
import io.thingbus.storage.DiskSpaceGuard;
import io.thingbus.storage.Stores;
import io.thingbus.store.rocksdb.RocksDbStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every component of the hub from one {@link ServerConfig}, starts them,
 * and stops them in reverse order. The only class that sees all modules.
 */
public final class ThingbusServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ThingbusServer.class);

    /** The store's directory under the data directory. */
    static final String STORE_DIRECTORY = "store";

    private final ServerConfig config;
    private final Stores stores;
    private final MqttServer mqtt;

    private ThingbusServer(ServerConfig config, Stores stores, MqttServer mqtt) {
        this.config = config;
        this.stores = stores;
        this.mqtt = mqtt;
    }

    /**
     * Opens the store, restores the persistent sessions, and returns once every listener is bound and
     * {@code ports.json} is written.
     */
    public static ThingbusServer start(ServerConfig config) throws InterruptedException {
        createDataDir(config.dataDir());
        long started = System.nanoTime();
        Stores stores = RocksDbStores.open(config.dataDir().resolve(STORE_DIRECTORY), config.storage().fsync());
        DiskSpaceGuard diskSpace = DiskSpaceGuard.of(config.dataDir(), config.storage().minFreeDiskBytes(), Clock.systemUTC());
        MqttServer mqtt = new MqttServer(config.mqtt(), stores, diskSpace, Clock.systemUTC());
        try {
            mqtt.start();
        } catch (RuntimeException | InterruptedException e) {
            mqtt.close();
            stores.close();
            throw e;
        }
        ThingbusServer server = new ThingbusServer(config, stores, mqtt);
        log.info("Store opened and sessions restored in {} ms (fsync {})",
                (System.nanoTime() - started) / 1_000_000, config.storage().fsync());
        PortsFile.write(config.dataDir(), server.mqttPort(), server.httpPort());
        log.info("Thingbus listening on {}: mqtt={} http={} (MQTT over WebSocket at {}) data={}",
                config.mqtt().host(), server.mqttPort(), server.httpPort(),
                config.mqtt().webSocketPath(), config.dataDir().toAbsolutePath());
        return server;
    }

    /** The bound MQTT/TCP port. */
    public int mqttPort() {
        return mqtt.port();
    }

    /** The bound HTTP port (MQTT over WebSocket), or -1 when disabled. */
    public int httpPort() {
        return mqtt.webSocketPort();
    }

    public ServerConfig config() {
        return config;
    }

    /** Stops accepting, closes every connection and releases all resources; waits until done. */
    @Override
    public void close() {
        mqtt.close();
        stores.close();
        log.info("Thingbus stopped");
    }

    private static void createDataDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir.toAbsolutePath(), e);
        }
    }
}
