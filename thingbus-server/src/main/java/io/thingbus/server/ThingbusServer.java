package io.thingbus.server;

import io.thingbus.errors.ErrorCode;
import io.thingbus.http.ApiBackends;
import io.thingbus.http.HttpServer;
import io.thingbus.http.JsonPrincipalStore;
import io.thingbus.http.TelemetryBackends;
import io.thingbus.mqtt.HubServices;
import io.thingbus.mqtt.MqttServer;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.mqtt.TlsIdentity;
import io.thingbus.registry.AdminTokenBootstrap;
import io.thingbus.registry.ConnectivityTracker;
import io.thingbus.registry.ServicePrincipals;
import io.thingbus.registry.auth.ClientIdentity;
import io.thingbus.registry.provisioning.HubEndpoints;
import io.thingbus.server.tls.ServerCertificates;
import io.thingbus.storage.DiskSpaceGuard;
import io.thingbus.storage.Stores;
import io.thingbus.store.rocksdb.RocksDbStores;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every component of the hub from one {@link ServerConfig}, starts them,
 * and stops them in reverse order. The only class that sees all modules.
 */
public final class ThingbusServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ThingbusServer.class);

    /** The store's directory under the data directory. */
    public static final String STORE_DIRECTORY = "store";

    private final ServerConfig config;
    private final Stores stores;
    private final HubTelemetry telemetry;
    private final MqttServer mqtt;
    private final HttpServer http;

    private ThingbusServer(ServerConfig config, Stores stores, HubTelemetry telemetry, MqttServer mqtt, HttpServer http) {
        this.config = config;
        this.stores = stores;
        this.telemetry = telemetry;
        this.mqtt = mqtt;
        this.http = http;
    }

    /**
     * Makes sure an admin principal exists, loads (or makes) the TLS certificate, opens the store,
     * restores the persistent sessions, and returns once every listener is bound and
     * {@code ports.json} is written. A first-start admin token is printed to standard output.
     *
     * @throws io.thingbus.server.tls.TlsSetupException when a TLS listener is enabled and its certificate or
     *                                                  key cannot be used; the message names the file
     */
    public static ThingbusServer start(ServerConfig config) throws InterruptedException {
        return start(config, System.out);
    }

    /** As {@link #start(ServerConfig)}, printing a first-start admin token to {@code console}. */
    public static ThingbusServer start(ServerConfig config, PrintStream console) throws InterruptedException {
        createDataDir(config.dataDir());
        Clock clock = Clock.systemUTC();
        ServicePrincipals principals = new ServicePrincipals(
                JsonPrincipalStore.open(config.dataDir().resolve(JsonPrincipalStore.FILE_NAME)),
                clock, new SecureRandom());
        new AdminTokenBootstrap(principals, config.dataDir(), console::println).run(config.api().adminToken());
        TlsIdentity tls = config.mqtt().tlsEnabled()
                ? ServerCertificates.load(config.tls(), config.dataDir(), clock)
                : null;
        long started = System.nanoTime();
        RocksDbStores stores = RocksDbStores.open(config.dataDir().resolve(STORE_DIRECTORY), config.storage().fsync());
        AtomicReference<MqttServer> boundBroker = new AtomicReference<>();
        AtomicReference<HttpServer> bound = new AtomicReference<>();
        HubIdentity identity = HubIdentity.open(stores, config, principals,
                () -> hubEndpoints(config, boundBroker.get(), bound.get()), clock);
        ConnectivityTracker connectivity = identity.connectivity();
        DiskSpaceGuard diskSpace = DiskSpaceGuard.of(config.dataDir(), config.storage().minFreeDiskBytes(), clock);
        HubTelemetry telemetry = null;
        MqttServer mqtt = null;
        HttpServer http = null;
        try {
            telemetry = HubTelemetry.start(stores, config.telemetry(), config.dataDir(), clock);
            MqttServer broker = new MqttServer(config.mqtt(), stores, diskSpace, clock, tls, identity.authenticator(),
                    connectivity, new HubServices(telemetry.ingest(), stores.devices(), identity.provisioning()));
            mqtt = broker;
            boundBroker.set(broker);
            identity.devices().addListener(new DeviceConnectionsCloser(broker));
            identity.users().onRemoval(name -> broker.disconnect(
                    new ClientIdentity(ClientIdentity.Kind.USER, name)::equals, ErrorCode.NOT_AUTHORIZED, "user removed"));
            broker.start();
            int httpPort = config.mqtt().webSocketPort();
            if (httpPort >= 0) {
                ApiBackends backends = new ApiBackends(principals, identity.devices(), connectivity, identity.users(),
                        identity.provisioning(), identity.enrollments(),
                        new TelemetryBackends(telemetry.ingest(), stores, identity.authenticator(),
                                config.registry().partitions(),
                                config.telemetry().maxPayloadBytes(), (record, remoteAddress) -> {
                                    broker.routeTelemetry(record);
                                    connectivity.recordHttpMessage(record.deviceId(),
                                            Instant.ofEpochMilli(record.enqueuedTime()), remoteAddress);
                                }),
                        broker::lastHeardMillis);
                http = new HttpServer(config.api().http(), backends, clock, broker.webSocket(), broker.metrics());
                bound.set(http);
                http.start(handler -> broker.bindListener(httpPort, handler));
            }
        } catch (RuntimeException | InterruptedException e) {
            if (http != null) {
                http.close();
            }
            if (mqtt != null) {
                mqtt.close();
            }
            if (telemetry != null) {
                telemetry.close();
            }
            stores.close();
            throw e;
        }
        ThingbusServer server = new ThingbusServer(config, stores, telemetry, mqtt, http);
        log.info("Store opened, sessions restored and listeners bound in {} ms (fsync {})",
                (System.nanoTime() - started) / 1_000_000, config.storage().fsync());
        try {
            PortsFile.write(config.dataDir(), server.mqttPort(), server.httpPort(), server.mqttsPort(), server.httpsPort());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        log.info("Thingbus listening on {}: mqtt={} http={} mqtts={} https={} (API at /api/v1, MQTT over WebSocket at {} "
                        + "and {}) data={}",
                config.mqtt().host(), server.mqttPort(), server.httpPort(), server.mqttsPort(), server.httpsPort(),
                config.mqtt().webSocketPath(), MqttServerConfig.AZURE_IOT_WEBSOCKET_PATH,
                config.dataDir().toAbsolutePath());
        return server;
    }

    /** The bound MQTT/TCP port. */
    public int mqttPort() {
        return mqtt.port();
    }

    /** The bound HTTP port (the API, and MQTT over WebSocket), or -1 when disabled. */
    public int httpPort() {
        return http == null ? -1 : http.port();
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
        if (http != null) {
            http.close();
        }
        mqtt.close();
        telemetry.close();
        stores.close();
        log.info("Thingbus stopped");
    }

    /** Where devices reach the hub, as registrations tell them: the listeners bound now (the HTTP port -1 when off). */
    private static HubEndpoints hubEndpoints(ServerConfig config, MqttServer broker, HttpServer http) {
        return new HubEndpoints(config.api().http().hostname(), broker.port(), broker.tlsPort(),
                http == null ? -1 : http.port(), broker.secureWebSocketPort(), config.mqtt().webSocketPath(),
                MqttServerConfig.AZURE_IOT_WEBSOCKET_PATH);
    }

    private static void createDataDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir.toAbsolutePath(), e);
        }
    }
}
