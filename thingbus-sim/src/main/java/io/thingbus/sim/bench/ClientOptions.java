package io.thingbus.sim.bench;

import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.sim.bench.client.ClientSettings;
import io.thingbus.sim.bench.client.IoTransport;
import io.thingbus.sim.bench.client.SessionSettings;
import io.thingbus.sim.bench.client.SourceAddressPlan;
import io.thingbus.sim.bench.load.ConnectionRamp;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Option;

/** How the bench's own clients behave: transport, threads, keep-alive, connect pacing. */
public final class ClientOptions {

    private static final int MAX_PACKET_BYTES = 1 << 20;
    private static final Duration TCP_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--transport", defaultValue = "auto", paramLabel = "auto|io_uring|epoll|nio",
            description = "Netty transport. Default: ${DEFAULT-VALUE} (io_uring, else epoll, else NIO).")
    String transport;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "Event loops shared by all connections. Default: the number of cores (${DEFAULT-VALUE}).")
    int ioThreads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--keep-alive", defaultValue = "60", paramLabel = "SECONDS",
            description = "MQTT keep-alive; PINGREQs come from one shared timer. 0 turns it off. Default: ${DEFAULT-VALUE}.")
    int keepAliveSeconds;

    @Option(names = "--inflight", defaultValue = "100", paramLabel = "N",
            description = "Unacknowledged QoS 1/2 publishes per connection at most. Default: ${DEFAULT-VALUE}.")
    int inflight;

    @Option(names = "--session-expiry", defaultValue = "0", paramLabel = "SECONDS",
            description = "0 for clean sessions; otherwise persistent sessions (MQTT 5: this Session Expiry "
                    + "Interval; MQTT 3.1.1: clean session false). Default: ${DEFAULT-VALUE}.")
    long sessionExpirySeconds;

    @Option(names = "--connect-rate", defaultValue = "1000", paramLabel = "PER_SECOND",
            description = "New connections per second during ramp-up. Default: ${DEFAULT-VALUE}.")
    double connectRate;

    @Option(names = "--max-pending-connects", defaultValue = "500", paramLabel = "N",
            description = "Handshakes under way at once at most. Default: ${DEFAULT-VALUE}.")
    int maxPendingConnects;

    @Option(names = "--ready-timeout", defaultValue = "30s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "How long ramp-up waits past its schedule for the last handshakes. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration readyTimeout;

    @Option(names = "--source-addresses", defaultValue = "0", paramLabel = "N",
            description = "Loopback source addresses (127.0.0.1, 127.0.0.2, ...) to spread connections over; "
                    + "0 picks one per " + SourceAddressPlan.CONNECTIONS_PER_ADDRESS + " connections. "
                    + "Default: ${DEFAULT-VALUE}.")
    int sourceAddresses;

    @Option(names = "--client-id-prefix", paramLabel = "PREFIX",
            description = "Client ids are PREFIX-ROLE-INDEX. Default: tb and a random number (${DEFAULT-VALUE}).")
    String clientIdPrefix = "tb" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());

    @Option(names = "--max-failure-ratio", defaultValue = "0.01", paramLabel = "RATIO",
            description = "Share of connections that may fail or drop before the run fails (exit 1). "
                    + "Default: ${DEFAULT-VALUE}.")
    double maxFailureRatio;

    /** Client settings for {@code plannedConnections} connections to {@code broker}. */
    ClientSettings settings(InetSocketAddress broker, MqttVersion version, int plannedConnections) {
        SourceAddressPlan sources = sourceAddresses == 0
                ? SourceAddressPlan.forConnections(plannedConnections)
                : new SourceAddressPlan(sourceAddresses);
        if (sources.bindsSource() && broker.getAddress().getAddress().length != 4) {
            throw new IllegalArgumentException("several source addresses need an IPv4 broker address (127.x.y.z)");
        }
        SessionSettings session = new SessionSettings(version, keepAliveSeconds, inflight, MAX_PACKET_BYTES,
                sessionExpirySeconds);
        return new ClientSettings(broker, IoTransport.named(transport), ioThreads, session, sources,
                TCP_CONNECT_TIMEOUT);
    }

    /** How fast and how many at once connections are opened. */
    ConnectionRamp.Settings rampSettings() {
        return new ConnectionRamp.Settings(connectRate, maxPendingConnects, readyTimeout);
    }
}
