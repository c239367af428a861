package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.thingbus.mqtt.MqttServerConfig;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.ClientTransport;
import io.thingbus.mqtt.internal.connection.KeepAliveMonitor;
import io.thingbus.mqtt.internal.connection.LiveConnections;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import io.thingbus.mqtt.internal.connection.OffLoopAuthenticator;
import io.thingbus.mqtt.internal.hub.HubTopics;
import io.thingbus.mqtt.internal.routing.Router;
import io.thingbus.mqtt.internal.session.SessionRegistry;
import io.thingbus.storage.DiskSpaceGuard;
import io.thingbus.storage.Journal;
import java.time.Clock;
import java.util.List;

/**
 * Builds the MQTT stages of a pipeline, in one place, for every transport (TCP, and WebSocket after
 * its handshake). The stateless stages are shared by all channels; only the codec is per channel.
 */
public final class MqttChannelInitializer {

    /** The longest client id accepted; MQTT allows up to 65535 bytes, device ids rarely pass 128. */
    private static final int MAX_CLIENT_ID_LENGTH = 1024;

    private final MqttServerConfig config;
    private final Clock clock;
    private final KeepAliveMonitor keepAlive;
    private final DecoderFailureHandler decoderFailure;
    private final PacketDispatcher dispatcher;
    private final ConnectionLifecycleHandler lifecycle;

    public MqttChannelInitializer(MqttServerConfig config, Clock clock, SessionRegistry sessions, Router router,
                                  KeepAliveMonitor keepAlive, MqttServerDisconnector disconnector,
                                  Journal journal, DiskSpaceGuard diskSpace, OffLoopAuthenticator authenticator,
                                  LiveConnections live, HubTopics hubTopics) {
        this.config = config;
        this.clock = clock;
        this.keepAlive = keepAlive;
        this.decoderFailure = new DecoderFailureHandler(disconnector);
        DurableAcknowledger acknowledger = new DurableAcknowledger(journal, disconnector);
        this.dispatcher = new PacketDispatcher(List.of(
                new ConnectHandler(config, sessions, disconnector, authenticator, live, clock),
                new PublishHandler(router, hubTopics, new HubTopicPublish(router, journal, disconnector), disconnector,
                        acknowledger, diskSpace, clock, config.receiveMaximum()),
                new PubAckHandler(),
                new PubRecHandler(),
                new PubRelHandler(acknowledger),
                new PubCompHandler(),
                new SubscribeHandler(router, disconnector, acknowledger),
                new UnsubscribeHandler(router, disconnector),
                new PingReqHandler(),
                new DisconnectHandler(disconnector),
                new AuthHandler(disconnector, authenticator)), disconnector);
        this.lifecycle = new ConnectionLifecycleHandler(keepAlive, sessions, live);
    }

    /**
     * Gives the channel its connection context, which remembers how the client came, and starts its
     * CONNECT timeout. Call once, when the channel is created.
     */
    public void registerConnection(Channel channel, ClientTransport transport) {
        ClientConnection connection = new ClientConnection(channel, transport, clock);
        channel.attr(ClientConnection.KEY).set(connection);
        keepAlive.watch(connection);
    }

    /** Appends the MQTT stages to a pipeline that delivers raw MQTT bytes. */
    public void addMqttStages(ChannelPipeline pipeline) {
        pipeline.addLast(ChannelHandlerNames.MQTT_DECODER, new MqttDecoder(config.maxPacketSize(), MAX_CLIENT_ID_LENGTH));
        pipeline.addLast(ChannelHandlerNames.MQTT_ENCODER, MqttEncoder.INSTANCE);
        pipeline.addLast(ChannelHandlerNames.DECODER_FAILURE, decoderFailure);
        pipeline.addLast(ChannelHandlerNames.PACKET_DISPATCHER, dispatcher);
        pipeline.addLast(ChannelHandlerNames.CONNECTION_LIFECYCLE, lifecycle);
    }
}
