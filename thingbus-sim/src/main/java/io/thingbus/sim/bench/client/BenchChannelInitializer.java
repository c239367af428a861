package io.thingbus.sim.bench.client;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;

/** Builds the bench client pipeline, in one place and with every stage named. */
final class BenchChannelInitializer extends ChannelInitializer<SocketChannel> {

    static final String FLUSH_CONSOLIDATION = "flushConsolidation";
    static final String MQTT_DECODER = "mqttDecoder";
    static final String MQTT_ENCODER = "mqttEncoder";
    static final String CONNECTION = "benchConnection";

    /** Explicit flushes let through while a read is in progress; the rest wait for read-complete. */
    private static final int FLUSHES_BEFORE_EXPLICIT_FLUSH = 256;

    private final BenchConnection connection;
    private final int maxPacketBytes;

    BenchChannelInitializer(BenchConnection connection, int maxPacketBytes) {
        this.connection = connection;
        this.maxPacketBytes = maxPacketBytes;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(FLUSH_CONSOLIDATION, new FlushConsolidationHandler(FLUSHES_BEFORE_EXPLICIT_FLUSH));
        pipeline.addLast(MQTT_DECODER, new MqttDecoder(maxPacketBytes));
        pipeline.addLast(MQTT_ENCODER, MqttEncoder.INSTANCE);
        pipeline.addLast(CONNECTION, connection);
    }
}
