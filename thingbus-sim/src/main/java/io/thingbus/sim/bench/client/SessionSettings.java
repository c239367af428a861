package io.thingbus.sim.bench.client;

import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * The MQTT session every bench connection asks for.
 *
 * @param keepAliveSeconds the CONNECT keep-alive; 0 turns keep-alive off
 * @param inflightWindow our unacknowledged QoS 1/2 publishes per connection at most (the broker's
 *     MQTT 5 Receive Maximum may lower it)
 * @param maxPacketBytes the largest packet the decoder accepts
 * @param sessionExpirySeconds 0 for a clean session that ends with the connection; otherwise a
 *     persistent session: MQTT 5 starts it clean with this Session Expiry Interval, MQTT 3.1.1 asks
 *     for clean session false (which never expires)
 */
public record SessionSettings(MqttVersion version, int keepAliveSeconds, int inflightWindow, int maxPacketBytes,
                              long sessionExpirySeconds) {

    /** Settings of clean sessions. */
    public SessionSettings(MqttVersion version, int keepAliveSeconds, int inflightWindow, int maxPacketBytes) {
        this(version, keepAliveSeconds, inflightWindow, maxPacketBytes, 0);
    }

    public SessionSettings {
        if (version != MqttVersion.MQTT_3_1_1 && version != MqttVersion.MQTT_5) {
            throw new IllegalArgumentException("the bench speaks MQTT 3.1.1 or 5, not " + version);
        }
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65_535) {
            throw new IllegalArgumentException("keep-alive must be between 0 and 65535 seconds");
        }
        if (inflightWindow < 1 || inflightWindow > PacketIdWindow.MAX_CAPACITY) {
            throw new IllegalArgumentException("in-flight window must be between 1 and " + PacketIdWindow.MAX_CAPACITY);
        }
        if (sessionExpirySeconds < 0 || sessionExpirySeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("session expiry must be between 0 and 4294967295 seconds");
        }
        if (maxPacketBytes < 64) {
            throw new IllegalArgumentException("max packet size must be at least 64 bytes");
        }
    }
}
