package io.thingbus.mqtt;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.HashedWheelTimer;
import io.thingbus.errors.ErrorCode;
import io.thingbus.messaging.Qos;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.KeepAliveMonitor;
import io.thingbus.mqtt.internal.connection.LiveConnections;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import io.thingbus.mqtt.internal.connection.OffLoopAuthenticator;
import io.thingbus.mqtt.internal.hub.HubTopics;
import io.thingbus.mqtt.internal.hub.StampedTelemetry;
import io.thingbus.mqtt.internal.pipeline.MqttChannelInitializer;
import io.thingbus.mqtt.internal.routing.RetainedExpirySweep;
import io.thingbus.mqtt.internal.routing.Router;
import io.thingbus.mqtt.internal.session.MessageReferences;
import io.thingbus.mqtt.internal.session.SessionRecovery;
import io.thingbus.mqtt.internal.session.SessionRegistry;
import io.thingbus.mqtt.internal.session.SessionStorageFactory;
import io.thingbus.mqtt.internal.tls.ServerTls;
import io.thingbus.mqtt.internal.transport.TcpChannelInitializer;
import io.thingbus.mqtt.internal.transport.Transport;
import io.thingbus.mqtt.internal.transport.WebSocketChannelInitializer;
import io.thingbus.mqtt.internal.transport.WebSocketUpgrade;
import io.thingbus.registry.ConnectivityListener;
import io.thingbus.registry.auth.ClientAuthenticator;
import io.thingbus.registry.auth.ClientIdentity;
import io.thingbus.storage.DiskSpaceGuard;
import io.thingbus.storage.InMemoryStores;
import io.thingbus.storage.Stores;
import io.thingbus.telemetry.TelemetryRecord;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT broker: its listeners (TCP, and TCP and WebSocket over TLS) and everything behind them,
 * assembled here from one {@link MqttServerConfig}. Start once, close once. Plain MQTT over WebSocket
 * arrives through the hub's HTTP server, which binds the HTTP port on this broker's event loops
 * ({@link #bindListener}) and hands upgrades to {@link #webSocket()}.
 *
 * <p>Every CONNECT is authenticated by the {@link ClientAuthenticator} on the broker's own small pool
 * of authentication workers, and every PUBLISH and SUBSCRIBE is checked against the
 * {@link io.thingbus.registry.auth.AccessPolicy} it granted. The topics of the hub's own
 * {@link HubServices} (device telemetry, provisioning) are served, not just routed. Clients coming and going are reported to
 * the {@link ConnectivityListener}; {@link #disconnect} ends the connections of given identities.
 */
public final class MqttServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttServer.class);
    /** Outbound bytes queued per connection above which it stops taking QoS 0 messages. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 256 * 1024);
    /** Threads running the authenticator, off the event loops. */
    private static final int AUTHENTICATION_THREADS = 2;
    /** CONNECTs waiting for an authentication thread; beyond this, clients are refused "server busy". */
    private static final int AUTHENTICATION_QUEUE = 4096;

    private final MqttServerConfig config;
    private final Transport transport = Transport.best();
    private final HashedWheelTimer timer = new HashedWheelTimer(r -> new Thread(r, "thingbus-timer"),
            100, TimeUnit.MILLISECONDS);
    private final MqttChannelInitializer mqttStages;
    private final MqttWebSocketEndpoint webSocket;
    private final SessionRegistry sessions;
    private final SessionRecovery recovery;
    private final RetainedExpirySweep retainedExpiry;
    private final KeepAliveMonitor keepAlive;
    private final ThreadPoolExecutor authenticationWorkers = authenticationWorkers();
    private final LiveConnections live;
    private final ServerTls tls;
    private final Router router;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel tcpListener;
    private Channel tlsListener;
    private Channel secureWebSocketListener;

    /** A broker whose state lives on the heap only, without TLS listeners (the config must disable them). */
    public MqttServer(MqttServerConfig config) {
        this(config, new InMemoryStores(), DiskSpaceGuard.unlimited(), Clock.systemUTC());
    }

    /** A persisting broker without TLS listeners (the config must disable them). */
    public MqttServer(MqttServerConfig config, Stores stores, DiskSpaceGuard diskSpace, Clock clock) {
        this(config, stores, diskSpace, clock, null);
    }

    /**
     * A persisting broker that accepts every client and allows it everything
     * ({@link ClientAuthenticator#ALLOW_ALL}), reporting connectivity to nobody.
     */
    public MqttServer(MqttServerConfig config, Stores stores, DiskSpaceGuard diskSpace, Clock clock,
                      TlsIdentity tlsIdentity) {
        this(config, stores, diskSpace, clock, tlsIdentity, ClientAuthenticator.ALLOW_ALL, ConnectivityListener.NONE);
    }

    /**
     * A broker persisting to {@code stores}; publishes are refused while {@code diskSpace} says the
     * disk is below its floor. The caller owns the stores and closes them after this server. The TLS
     * listeners present {@code tlsIdentity}, which may be null only when the config disables them.
     * Each CONNECT is put to {@code authenticator} (off the event loops); accepted connections coming
     * and going are reported to {@code connectivity}, on network threads.
     *
     * @throws IllegalArgumentException when TLS listeners are enabled without an identity, or the
     *                                  identity's key and certificate cannot serve TLS
     */
    public MqttServer(MqttServerConfig config, Stores stores, DiskSpaceGuard diskSpace, Clock clock,
                      TlsIdentity tlsIdentity, ClientAuthenticator authenticator, ConnectivityListener connectivity) {
        this(config, stores, diskSpace, clock, tlsIdentity, authenticator, connectivity, HubServices.NONE);
    }

    /**
     * As {@link #MqttServer(MqttServerConfig, Stores, DiskSpaceGuard, Clock, TlsIdentity, ClientAuthenticator,
     * ConnectivityListener)}, serving the topics of {@code services} itself: device telemetry is stored
     * before it is acknowledged and routed, and devices may register over MQTT. Registrations run on the
     * authentication workers, off the event loops.
     */
    public MqttServer(MqttServerConfig config, Stores stores, DiskSpaceGuard diskSpace, Clock clock,
                      TlsIdentity tlsIdentity, ClientAuthenticator authenticator, ConnectivityListener connectivity,
                      HubServices services) {
        if (config.tlsEnabled() && tlsIdentity == null) {
            throw new IllegalArgumentException("the TLS listeners (tlsPort " + config.tlsPort()
                    + ", secureWebSocketPort " + config.secureWebSocketPort() + ") need a TLS identity");
        }
        this.config = config;
        this.tls = config.tlsEnabled() ? ServerTls.of(tlsIdentity) : null;
        this.router = new Router(stores.retained(), clock);
        MessageReferences references = new MessageReferences(stores.messages());
        SessionStorageFactory storages = new SessionStorageFactory(stores, references, config.maxQueuedMessages(),
                config.maxQueuedBytes());
        this.sessions = new SessionRegistry(storages, timer, clock, router);
        this.recovery = new SessionRecovery(stores, storages, references, clock);
        this.retainedExpiry = new RetainedExpirySweep(stores.retained(), timer, clock);
        MqttServerDisconnector disconnector = new MqttServerDisconnector();
        this.keepAlive = new KeepAliveMonitor(timer, clock, config.connectTimeout(), disconnector);
        this.live = new LiveConnections(connectivity, disconnector, clock);
        this.mqttStages = new MqttChannelInitializer(config, clock, sessions, router, keepAlive, disconnector,
                stores.journal(), diskSpace, new OffLoopAuthenticator(authenticator, authenticationWorkers), live,
                HubTopics.of(services, authenticationWorkers, clock));
        this.webSocket = new MqttWebSocketEndpoint(webSocketPaths(config),
                new WebSocketUpgrade(mqttStages, config.maxPacketSize()));
    }

    /** Restores the stored sessions, then binds the MQTT listeners (TCP, TLS, secure WebSocket); returns when they accept connections. */
    public void start() throws InterruptedException {
        recovery.recover(sessions);
        bossGroup = transport.newEventLoopGroup(1);
        workerGroup = transport.newEventLoopGroup(0);
        keepAlive.start();
        retainedExpiry.start();
        Set<String> webSocketPaths = webSocketPaths(config);
        tcpListener = bind("MQTT", config.port(), new TcpChannelInitializer(mqttStages));
        if (config.tlsPort() >= 0) {
            tlsListener = bind("MQTT over TLS", config.tlsPort(), new TcpChannelInitializer(mqttStages, tls));
        }
        if (config.secureWebSocketPort() >= 0) {
            secureWebSocketListener = bind("MQTT over secure WebSocket", config.secureWebSocketPort(),
                    new WebSocketChannelInitializer(mqttStages, webSocketPaths, config.maxPacketSize(), tls));
        }
        log.info("MQTT broker on {} transport: tcp={} tls={} websocket-tls={}{}", transport, port(),
                tlsPort(), secureWebSocketPort(), tls == null ? "" : " (TLS by " + tls.engine() + ")");
    }

    /**
     * Binds another listener on {@link MqttServerConfig#host()} with this broker's event loops,
     * transport and socket options (the hub's HTTP port, which also carries MQTT over WebSocket).
     * Call after {@link #start()}; the caller closes the returned channel, before this server.
     */
    public Channel bindListener(int port, ChannelHandler childHandler) throws InterruptedException {
        if (workerGroup == null) {
            throw new IllegalStateException("start the MQTT server before binding other listeners");
        }
        return bind("HTTP", port, childHandler);
    }

    /** The MQTT-over-WebSocket hand-over for the HTTP server. */
    public MqttWebSocketEndpoint webSocket() {
        return webSocket;
    }

    /** Gauges for the metrics registry. */
    public MqttMetrics metrics() {
        return new MqttMetrics() {
            @Override
            public int connections() {
                return keepAlive.size();
            }

            @Override
            public int sessions() {
                return sessions.size();
            }
        };
    }

    /**
     * Disconnects every live connection whose identity matches: MQTT 5 clients get a DISCONNECT with
     * {@code code}'s reason code and {@code reason} as reason string, MQTT 3.1.1 clients are closed.
     * Safe on any thread; each connection is closed on its own event loop, shortly after this returns.
     *
     * @return how many connections were asked to close
     */
    public int disconnect(Predicate<ClientIdentity> which, ErrorCode code, String reason) {
        return live.disconnect(which, code, reason);
    }

    /**
     * Disconnects every live connection of one device (usually one), as {@link #disconnect(Predicate,
     * ErrorCode, String)}, without looking at any other connection: for a device disabled, deleted or
     * given new keys.
     */
    public int disconnectDevice(String deviceId, ErrorCode code, String reason) {
        return live.disconnect(ClientIdentity.device(deviceId), code, reason);
    }

    /** When the device's live connection last sent a packet (see {@link io.thingbus.registry.LiveActivity}). */
    public OptionalLong lastHeardMillis(String deviceId) {
        return live.of(ClientIdentity.device(deviceId)).stream().mapToLong(ClientConnection::lastReadMillis).max();
    }

    /**
     * Routes a durable telemetry record that did not come over MQTT (a device's HTTP post) to the MQTT
     * subscribers of its device's telemetry topic, stamped as MQTT telemetry is. Any thread.
     */
    public void routeTelemetry(TelemetryRecord record) {
        router.publish(StampedTelemetry.message(record, Qos.AT_LEAST_ONCE, record.deviceId()), record.deviceId());
    }

    /** The bound MQTT/TCP port. */
    public int port() {
        return ((InetSocketAddress) tcpListener.localAddress()).getPort();
    }

    /** The bound MQTT/TLS port, or -1 when disabled. */
    public int tlsPort() {
        return boundPort(tlsListener);
    }

    /** The bound secure WebSocket port, or -1 when disabled. */
    public int secureWebSocketPort() {
        return boundPort(secureWebSocketListener);
    }

    /** Stops accepting, closes every connection and waits until the event loops have stopped. */
    @Override
    public void close() {
        keepAlive.stop();
        retainedExpiry.stop();
        for (Channel listener : listeners()) {
            listener.close().syncUninterruptibly();
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            bossGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
        authenticationWorkers.shutdownNow();
        timer.stop();
    }

    /** A fixed pool with a bounded queue: a full queue rejects, and the CONNECT is refused "server busy". */
    private static ThreadPoolExecutor authenticationWorkers() {
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread thread = new Thread(r, "thingbus-auth-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(AUTHENTICATION_THREADS, AUTHENTICATION_THREADS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(AUTHENTICATION_QUEUE), factory, new ThreadPoolExecutor.AbortPolicy());
    }

    private List<Channel> listeners() {
        return Stream.of(tcpListener, tlsListener, secureWebSocketListener)
                .filter(Objects::nonNull)
                .toList();
    }

    /** The paths that carry MQTT over WebSocket: the configured one and the one Azure IoT device SDKs dial. */
    private static Set<String> webSocketPaths(MqttServerConfig config) {
        return Stream.of(config.webSocketPath(), MqttServerConfig.AZURE_IOT_WEBSOCKET_PATH)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static int boundPort(Channel listener) {
        return listener == null ? -1 : ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Binds one listener; a port that cannot be had fails naming the listener and the port. */
    private Channel bind(String listener, int port, ChannelHandler initializer) throws InterruptedException {
        ChannelFuture bound = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(initializer)
                .bind(new InetSocketAddress(config.host(), port))
                .await();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot listen for " + listener + " on " + config.host() + ":" + port + ": "
                    + bound.cause().getMessage(), bound.cause());
        }
        return bound.channel();
    }
}
