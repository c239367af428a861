package io.thingbus.server;

import io.thingbus.mqtt.MqttServer;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.mqtt.TlsIdentity;
import io.thingbus.server.tls.ServerCertificates;
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
     * Loads (or makes) the TLS certificate, opens the store, restores the persistent sessions, and returns
     * once every listener is bound and {@code ports.json} is written.
     *
     * @throws io.thingbus.server.tls.TlsSetupException when a TLS listener is enabled and its certificate or
     *                                                  key cannot be used; the message names the file
     */
    public static ThingbusServer start(ServerConfig config) throws InterruptedException {
        createDataDir(config.dataDir());
        Clock clock = Clock.systemUTC();
        TlsIdentity tls = config.mqtt().tlsEnabled()
                ? ServerCertificates.load(config.tls(), config.dataDir(), clock)
                : null;
        long started = System.nanoTime();
        Stores stores = RocksDbStores.open(config.dataDir().resolve(STORE_DIRECTORY), config.storage().fsync());
        DiskSpaceGuard diskSpace = DiskSpaceGuard.of(config.dataDir(), config.storage().minFreeDiskBytes(), clock);
        MqttServer mqtt = null;
        try {
            mqtt = new MqttServer(config.mqtt(), stores, diskSpace, clock, tls);
            mqtt.start();
        } catch (RuntimeException | InterruptedException e) {
            if (mqtt != null) {
                mqtt.close();
            }
            stores.close();
            throw e;
        }
        ThingbusServer server = new ThingbusServer(config, stores, mqtt);
        log.info("Store opened and sessions restored in {} ms (fsync {})",
                (System.nanoTime() - started) / 1_000_000, config.storage().fsync());
        PortsFile.write(config.dataDir(), server.mqttPort(), server.httpPort(), server.mqttsPort(), server.httpsPort());
        log.info("Thingbus listening on {}: mqtt={} http={} mqtts={} https={} (MQTT over WebSocket at {} and {}) data={}",
                config.mqtt().host(), server.mqttPort(), server.httpPort(), server.mqttsPort(), server.httpsPort(),
                config.mqtt().webSocketPath(), MqttServerConfig.AZURE_IOT_WEBSOCKET_PATH,
                config.dataDir().toAbsolutePath());
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

    /** The bound MQTT/TLS port, or -1 when disabled. */
    public int mqttsPort() {
        return mqtt.tlsPort();
    }

    /** The bound HTTPS port (MQTT over secure WebSocket), or -1 when disabled. */
    public int httpsPort() {
        return mqtt.secureWebSocketPort();
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
