package io.thingbus.mqtt.internal.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.thingbus.mqtt.internal.connection.ClientTransport;
import io.thingbus.mqtt.internal.pipeline.ChannelHandlerNames;
import io.thingbus.mqtt.internal.pipeline.MqttChannelInitializer;
import io.thingbus.mqtt.internal.tls.ServerTls;

/** MQTT straight over TCP, or over TLS: (TLS stages), flush consolidation, then the MQTT stages. */
public final class TcpChannelInitializer extends ChannelInitializer<Channel> {

    /** Flushes merged while a read burst is in progress. */
    private static final int FLUSHES_BEFORE_FORCED_FLUSH = 256;

    private final MqttChannelInitializer mqtt;
    private final ServerTls tls;

    /** Plain MQTT over TCP (port 1883). */
    public TcpChannelInitializer(MqttChannelInitializer mqtt) {
        this(mqtt, null);
    }

    /** MQTT over TLS (port 8883) when {@code tls} is given, else plain TCP. */
    public TcpChannelInitializer(MqttChannelInitializer mqtt, ServerTls tls) {
        this.mqtt = mqtt;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel channel) {
        // the CONNECT timeout starts now, so it bounds a slow TLS handshake as well
        mqtt.registerConnection(channel, tls == null ? ClientTransport.MQTT : ClientTransport.MQTTS);
        if (tls != null) {
            tls.addTlsStages(channel);
        }
        channel.pipeline().addLast(ChannelHandlerNames.FLUSH_CONSOLIDATION,
                new FlushConsolidationHandler(FLUSHES_BEFORE_FORCED_FLUSH, true));
        mqtt.addMqttStages(channel.pipeline());
    }
}
