package io.thingbus.sim.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client side of a bench run: a few event loops on the best transport, the shared keep-alive
 * timer, and every connection opened through it, so that {@link #close()} ends them all within a
 * bounded time.
 */
public final class ClientGroup implements AutoCloseable {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final ClientSettings settings;
    private final MultiThreadIoEventLoopGroup loops;
    private final KeepAliveScheduler keepAlive;
    private final Bootstrap bootstrap;
    private final ChannelGroup channels = new DefaultChannelGroup("bench", GlobalEventExecutor.INSTANCE);
    private final AtomicInteger opened = new AtomicInteger();
    private final LongAdder unexpectedCloses = new LongAdder();

    public ClientGroup(ClientSettings settings) {
        this.settings = settings;
        IoTransport transport = settings.transport();
        this.loops = new MultiThreadIoEventLoopGroup(settings.ioThreads(),
                new DefaultThreadFactory("bench-io", true), transport.handlerFactory());
        int keepAliveSeconds = settings.session().keepAliveSeconds();
        this.keepAlive = keepAliveSeconds > 0 ? KeepAliveScheduler.start(keepAliveSeconds, loops.next()) : null;
        this.bootstrap = new Bootstrap()
                .group(loops)
                .channel(transport.channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .remoteAddress(settings.broker());
    }

    /**
     * Starts connecting one client; watch {@link BenchConnection#connected()} for the outcome.
     * Called from one control thread.
     */
    public BenchConnection connect(ConnectIdentity identity, InboundPublishListener listener) {
        BenchConnection connection = new BenchConnection(identity, settings.session(), listener, keepAlive,
                unexpectedCloses::increment);
        Bootstrap attempt = bootstrap.clone()
                .handler(new BenchChannelInitializer(connection, settings.session().maxPacketBytes()));
        int index = opened.getAndIncrement();
        SourceAddressPlan sources = settings.sources();
        ChannelFuture connecting;
        if (sources.bindsSource()) {
            Inet4Address source = sources.addressFor(index);
            connecting = attempt.connect(settings.broker(), new InetSocketAddress(source, 0));
        } else {
            connecting = attempt.connect();
        }
        channels.add(connecting.channel());
        connecting.addListener(future -> {
            if (!future.isSuccess()) {
                connection.connectFailed(future.cause());
            }
        });
        return connection;
    }

    /** What the connections talk to, for reports: {@code mqtt://127.0.0.1:1883 MQTT 5 (io_uring)}. */
    public String describeTarget() {
        InetSocketAddress broker = settings.broker();
        String version = settings.session().version() == MqttVersion.MQTT_5 ? "5" : "3.1.1";
        return "mqtt://" + broker.getAddress().getHostAddress() + ":" + broker.getPort() + " MQTT " + version
                + " (" + settings.transport() + ")";
    }

    /** The MQTT session connections ask for. */
    public SessionSettings session() {
        return settings.session();
    }

    /** Channels currently open (connecting or connected). */
    public int openChannels() {
        return channels.size();
    }

    /** Established sessions that closed without our asking (the broker dropped them). */
    public long unexpectedCloses() {
        return unexpectedCloses.sum();
    }

    /**
     * Disconnects the given connections and waits, at most {@code timeout}, until they closed.
     * Returns how many did not close in time.
     */
    public int disconnect(List<BenchConnection> connections, Duration timeout) {
        List<CompletableFuture<Void>> closing = new ArrayList<>(connections.size());
        for (BenchConnection connection : connections) {
            closing.add(connection.disconnect());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return 0;
        } catch (TimeoutException | ExecutionException e) {
            return (int) closing.stream().filter(future -> !future.isDone()).count();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return (int) closing.stream().filter(future -> !future.isDone()).count();
        }
    }

    /** Sends DISCONNECT on every connection, closes them all and stops the event loops, in bounded time. */
    @Override
    public void close() {
        for (Channel channel : channels) {
            if (channel.isRegistered()) {
                channel.eventLoop().execute(() -> disconnectOrClose(channel));
            } else {
                channel.close();
            }
        }
        channels.newCloseFuture().awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
        channels.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis());
        if (keepAlive != null) {
            keepAlive.close();
        }
        loops.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(2 * SHUTDOWN_TIMEOUT.toMillis());
    }

    private static void disconnectOrClose(Channel channel) {
        BenchConnection connection = channel.pipeline().get(BenchConnection.class);
        if (connection != null) {
            connection.disconnectOnLoop();
        } else {
            channel.close();
        }
    }
}
