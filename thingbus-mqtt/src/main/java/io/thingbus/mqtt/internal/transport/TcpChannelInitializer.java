package io.thingbus.mqtt.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.thingbus.mqtt.internal.pipeline.ChannelHandlerNames;
import io.thingbus.mqtt.internal.pipeline.MqttChannelInitializer;

/** MQTT straight over TCP: flush consolidation, then the MQTT stages. */
public final class TcpChannelInitializer extends ChannelInitializer<Channel> {

    /** Flushes merged while a read burst is in progress. */
    private static final int FLUSHES_BEFORE_FORCED_FLUSH = 256;

    private final MqttChannelInitializer mqtt;

    public TcpChannelInitializer(MqttChannelInitializer mqtt) {
        this.mqtt = mqtt;
    }

    @Override
    protected void initChannel(Channel channel) {
        mqtt.registerConnection(channel);
        channel.pipeline().addLast(ChannelHandlerNames.FLUSH_CONSOLIDATION,
                new FlushConsolidationHandler(FLUSHES_BEFORE_FORCED_FLUSH, true));
        mqtt.addMqttStages(channel.pipeline());
    }
}
