package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;

/**
 * The protocol version Netty's MQTT decoder read from this channel's CONNECT. The codec keeps it in
 * a channel attribute (named below, package-private in Netty) that its encoder also uses, so CONNACK
 * and DISCONNECT are encoded in the client's version.
 */
final class NegotiatedVersion {

    private static final AttributeKey<MqttVersion> CODEC_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private NegotiatedVersion() {
    }

    /** The version read from CONNECT, or 3.1.1 when the decoder could not tell. */
    static MqttVersion of(Channel channel) {
        MqttVersion version = channel.attr(CODEC_VERSION).get();
        return version == null ? MqttVersion.MQTT_3_1_1 : version;
    }
}
