package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.embedded.EmbeddedChannel;
import io.thingbus.messaging.InMemoryRetainedMessageStore;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.registry.ConnectivityEvent;
import io.thingbus.registry.auth.ClientAuthenticator;
import io.thingbus.storage.DiskSpaceGuard;
import io.thingbus.storage.InMemoryStores;
import io.thingbus.mqtt.internal.connection.ClientTransport;
import io.thingbus.mqtt.internal.connection.KeepAliveMonitor;
import io.thingbus.mqtt.internal.connection.LiveConnections;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import io.thingbus.mqtt.internal.connection.OffLoopAuthenticator;
import io.thingbus.mqtt.internal.hub.HubTopics;
import io.thingbus.mqtt.internal.routing.Router;
import io.thingbus.mqtt.internal.session.SessionRegistry;
import io.thingbus.mqtt.testing.ControlledExecutor;
import io.thingbus.mqtt.testing.ManualTimer;
import io.thingbus.mqtt.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker as {@code MqttServer} assembles it, minus sockets: real sessions, router, retained store,
 * keep-alive monitor, disconnector and live connections behind {@link MqttChannelInitializer}, with a
 * manual clock and timer, and the hub topics a test gives (none by default). The authenticator (every client allowed everything unless a test gives
 * another) runs on a {@link ControlledExecutor}, at once unless the test holds it; connectivity events
 * are recorded in {@link #connectivity}. Each {@link #newClient()} is a server channel built by
 * {@code registerConnection} and {@code addMqttStages} (what the TCP initializer does, minus flush
 * consolidation) paired with a client channel running Netty's MQTT codec. Close it after each test to
 * release every buffer.
 */
final class EmbeddedBroker implements AutoCloseable {

    final MutableClock clock = new MutableClock();
    final ManualTimer timer = new ManualTimer(clock);
    final MqttServerConfig config;
    final InMemoryRetainedMessageStore retained = new InMemoryRetainedMessageStore();
    final Router router;
    final SessionRegistry sessions;
    final MqttServerDisconnector disconnector = new MqttServerDisconnector();
    final InMemoryStores stores = new InMemoryStores();
    final KeepAliveMonitor keepAlive;
    final ControlledExecutor authenticationWorkers = new ControlledExecutor();
    final List<ConnectivityEvent> connectivity = new ArrayList<>();
    final LiveConnections live;
    final MqttChannelInitializer initializer;
    private final List<EmbeddedClient> clients = new ArrayList<>();

    EmbeddedBroker() {
        this(MqttServerConfig.defaults());
    }

    EmbeddedBroker(MqttServerConfig config) {
        this(config, DiskSpaceGuard.unlimited());
    }

    EmbeddedBroker(MqttServerConfig config, DiskSpaceGuard diskSpace) {
        this(config, diskSpace, ClientAuthenticator.ALLOW_ALL);
    }

    EmbeddedBroker(ClientAuthenticator authenticator) {
        this(MqttServerConfig.defaults(), DiskSpaceGuard.unlimited(), authenticator);
    }

    EmbeddedBroker(MqttServerConfig config, DiskSpaceGuard diskSpace, ClientAuthenticator authenticator) {
        this(config, diskSpace, authenticator, HubTopics.NONE);
    }

    EmbeddedBroker(ClientAuthenticator authenticator, HubTopics hubTopics) {
        this(MqttServerConfig.defaults(), DiskSpaceGuard.unlimited(), authenticator, hubTopics);
    }

    EmbeddedBroker(MqttServerConfig config, DiskSpaceGuard diskSpace, ClientAuthenticator authenticator,
                   HubTopics hubTopics) {
        this.config = config;
        this.router = new Router(retained, clock);
        this.sessions = new SessionRegistry(config.maxQueuedMessages(), timer, clock, router);
        this.keepAlive = new KeepAliveMonitor(timer, clock, config.connectTimeout(), disconnector);
        this.live = new LiveConnections(connectivity::add, disconnector, clock);
        this.initializer = new MqttChannelInitializer(config, clock, sessions, router, keepAlive, disconnector,
                stores.journal(), diskSpace, new OffLoopAuthenticator(authenticator, authenticationWorkers), live,
                hubTopics);
    }

    /** A new network connection to the broker over plain TCP, not yet sending anything. */
    EmbeddedClient newClient() {
        EmbeddedChannel server = new EmbeddedChannel();
        initializer.registerConnection(server, ClientTransport.MQTT);
        initializer.addMqttStages(server.pipeline());
        EmbeddedClient client = new EmbeddedClient(server);
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        for (EmbeddedClient client : clients) {
            client.close();
        }
    }
}
