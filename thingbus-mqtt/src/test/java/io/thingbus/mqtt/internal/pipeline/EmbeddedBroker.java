package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.embedded.EmbeddedChannel;
import io.thingbus.messaging.InMemoryRetainedMessageStore;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.storage.DiskSpaceGuard;
import io.thingbus.storage.InMemoryStores;
import io.thingbus.mqtt.internal.connection.KeepAliveMonitor;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import io.thingbus.mqtt.internal.routing.Router;
import io.thingbus.mqtt.internal.session.SessionRegistry;
import io.thingbus.mqtt.testing.ManualTimer;
import io.thingbus.mqtt.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker as {@code MqttServer} assembles it, minus sockets: real sessions, router, retained store,
 * keep-alive monitor and disconnector behind {@link MqttChannelInitializer}, with a manual clock and
 * timer. Each {@link #newClient()} is a server channel built by {@code registerConnection} and
 * {@code addMqttStages} (what the TCP initializer does, minus flush consolidation) paired with a client
 * channel running Netty's MQTT codec. Close it after each test to release every buffer.
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
    final MqttChannelInitializer initializer;
    private final List<EmbeddedClient> clients = new ArrayList<>();

    EmbeddedBroker() {
        this(MqttServerConfig.defaults());
    }

    EmbeddedBroker(MqttServerConfig config) {
        this(config, DiskSpaceGuard.unlimited());
    }

    EmbeddedBroker(MqttServerConfig config, DiskSpaceGuard diskSpace) {
        this.config = config;
        this.router = new Router(retained, clock);
        this.sessions = new SessionRegistry(config.maxQueuedMessages(), timer, clock, router);
        this.keepAlive = new KeepAliveMonitor(timer, clock, config.connectTimeout(), disconnector);
        this.initializer = new MqttChannelInitializer(config, clock, sessions, router, keepAlive, disconnector,
                stores.journal(), diskSpace);
    }

    /** A new network connection to the broker, not yet sending anything. */
    EmbeddedClient newClient() {
        EmbeddedChannel server = new EmbeddedChannel();
        initializer.registerConnection(server);
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
