package io.thingbus.mqtt.internal.pipeline;

/** The name of every pipeline stage, so stages can be found, replaced and asserted in tests. */
public final class ChannelHandlerNames {

    public static final String TLS = "tls";
    public static final String TLS_FAILURE = "tls-failure";
    public static final String FLUSH_CONSOLIDATION = "flush-consolidation";
    public static final String WEBSOCKET_HTTP_CODEC = "websocket-http-codec";
    public static final String WEBSOCKET_AGGREGATOR = "websocket-aggregator";
    public static final String WEBSOCKET_PATH = "websocket-path";
    public static final String WEBSOCKET_PROTOCOL = "websocket-protocol";
    public static final String WEBSOCKET_FRAMES = "websocket-frames";
    public static final String MQTT_DECODER = "mqtt-decoder";
    public static final String MQTT_ENCODER = "mqtt-encoder";
    public static final String DECODER_FAILURE = "decoder-failure";
    public static final String PACKET_DISPATCHER = "packet-dispatcher";
    public static final String CONNECTION_LIFECYCLE = "connection-lifecycle";

    private ChannelHandlerNames() {
    }
}
