package io.thingbus.mqtt;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.HashedWheelTimer;
import io.thingbus.mqtt.internal.connection.KeepAliveMonitor;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import io.thingbus.mqtt.internal.pipeline.MqttChannelInitializer;
import io.thingbus.mqtt.internal.routing.RetainedExpirySweep;
import io.thingbus.mqtt.internal.routing.Router;
import io.thingbus.mqtt.internal.session.MessageReferences;
import io.thingbus.mqtt.internal.session.SessionRecovery;
import io.thingbus.mqtt.internal.session.SessionRegistry;
import io.thingbus.mqtt.internal.session.SessionStorageFactory;
import io.thingbus.mqtt.internal.transport.TcpChannelInitializer;
import io.thingbus.mqtt.internal.transport.Transport;
import io.thingbus.mqtt.internal.transport.WebSocketUpgrade;
import io.thingbus.storage.DiskSpaceGuard;
import io.thingbus.storage.InMemoryStores;
import io.thingbus.storage.Stores;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT broker: its TCP listener and everything behind it, assembled here from one
 * {@link MqttServerConfig}. Start once, close once. MQTT over WebSocket arrives through the hub's
 * HTTP server, which binds its port on this broker's event loops ({@link #bindListener}) and hands
 * upgrades to {@link #webSocket()}.
 */
public final class MqttServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttServer.class);
    /** Outbound bytes queued per connection above which it stops taking QoS 0 messages. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 256 * 1024);

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
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel tcpListener;

    /** A broker whose state lives on the heap only. */
    public MqttServer(MqttServerConfig config) {
        this(config, new InMemoryStores(), DiskSpaceGuard.unlimited(), Clock.systemUTC());
    }

    /**
     * A broker persisting to {@code stores}; publishes are refused while {@code diskSpace} says the
     * disk is below its floor. The caller owns the stores and closes them after this server.
     */
    public MqttServer(MqttServerConfig config, Stores stores, DiskSpaceGuard diskSpace, Clock clock) {
        this.config = config;
        Router router = new Router(stores.retained(), clock);
        MessageReferences references = new MessageReferences(stores.messages());
        SessionStorageFactory storages = new SessionStorageFactory(stores, references, config.maxQueuedMessages());
        this.sessions = new SessionRegistry(storages, timer, clock, router);
        this.recovery = new SessionRecovery(stores, storages, references, clock);
        this.retainedExpiry = new RetainedExpirySweep(stores.retained(), timer, clock);
        MqttServerDisconnector disconnector = new MqttServerDisconnector();
        this.keepAlive = new KeepAliveMonitor(timer, clock, config.connectTimeout(), disconnector);
        this.mqttStages = new MqttChannelInitializer(config, clock, sessions, router, keepAlive, disconnector,
                stores.journal(), diskSpace);
        this.webSocket = new MqttWebSocketEndpoint(config.webSocketPath(),
                new WebSocketUpgrade(mqttStages, config.maxPacketSize()));
    }

    /** Restores the stored sessions, then binds the TCP listener; returns when it accepts connections. */
    public void start() throws InterruptedException {
        recovery.recover(sessions);
        bossGroup = transport.newEventLoopGroup(1);
        workerGroup = transport.newEventLoopGroup(0);
        keepAlive.start();
        retainedExpiry.start();
        tcpListener = bind(config.port(), new TcpChannelInitializer(mqttStages));
        log.info("MQTT broker on {} transport: tcp={}", transport, port());
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
        return bind(port, childHandler);
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

    /** The bound MQTT/TCP port. */
    public int port() {
        return ((InetSocketAddress) tcpListener.localAddress()).getPort();
    }

    /** Stops accepting, closes every connection and waits until the event loops have stopped. */
    @Override
    public void close() {
        keepAlive.stop();
        retainedExpiry.stop();
        if (tcpListener != null) {
            tcpListener.close().syncUninterruptibly();
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            bossGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
        timer.stop();
    }

    private Channel bind(int port, ChannelHandler initializer) throws InterruptedException {
        return new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(transport.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(initializer)
                .bind(new InetSocketAddress(config.host(), port))
                .sync()
                .channel();
    }
}
