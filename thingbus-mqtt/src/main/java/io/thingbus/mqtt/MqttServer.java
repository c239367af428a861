package io.thingbus.mqtt;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.thingbus.mqtt.internal.transport.Transport;
import java.net.InetSocketAddress;

/** The MQTT broker: its listeners (TCP, WebSocket) and everything behind them. Start once, close once. */
public final class MqttServer implements AutoCloseable {

    private final MqttServerConfig config;
    private final Transport transport = Transport.best();
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel tcpListener;
    private Channel webSocketListener;

    public MqttServer(MqttServerConfig config) {
        this.config = config;
    }

    /** Binds every listener; returns when they accept connections. */
    public void start() throws InterruptedException {
        bossGroup = transport.newEventLoopGroup(1);
        workerGroup = transport.newEventLoopGroup(0);
        tcpListener = bind(config.port(), new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
            }
        });
        if (config.webSocketPort() >= 0) {
            webSocketListener = bind(config.webSocketPort(), new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                }
            });
        }
    }

    /** The bound MQTT/TCP port. */
    public int port() {
        return ((InetSocketAddress) tcpListener.localAddress()).getPort();
    }

    /** The bound WebSocket port, or -1 when disabled. */
    public int webSocketPort() {
        return webSocketListener == null ? -1 : ((InetSocketAddress) webSocketListener.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (tcpListener != null) {
            tcpListener.close().syncUninterruptibly();
        }
        if (webSocketListener != null) {
            webSocketListener.close().syncUninterruptibly();
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully().syncUninterruptibly();
            bossGroup.shutdownGracefully().syncUninterruptibly();
        }
    }

    private Channel bind(int port, ChannelInitializer<Channel> initializer) throws InterruptedException {
        return new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(transport.serverChannelClass())
                .childHandler(initializer)
                .bind(new InetSocketAddress(config.host(), port))
                .sync()
                .channel();
    }
}
