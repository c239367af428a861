package io.thingbus.mqtt;

import java.time.Duration;

/**
 * Limits and options of the MQTT broker, each with a documented default (see {@link #defaults()}).
 * Values are checked when built, so a bad configuration fails at start-up, not on the first client.
 *
 * @param host                bind address of every listener
 * @param port                MQTT over TCP; 0 picks a free port
 * @param webSocketPort       the hub's HTTP port, which also carries MQTT over WebSocket; 0 picks a free port, -1
 *                            disables it. The HTTP server binds it (see {@link MqttServer#bindListener}), not the broker
 * @param webSocketPath       the HTTP path of the WebSocket endpoint; both WebSocket ports also serve
 *                            {@link #AZURE_IOT_WEBSOCKET_PATH}
 * @param tlsPort             MQTT over TLS; 0 picks a free port, -1 disables it
 * @param secureWebSocketPort MQTT over secure WebSocket (the HTTPS port); 0 picks a free port, -1 disables it
 * @param maxPacketSize       largest packet accepted from a client, in bytes (also announced in CONNACK)
 * @param receiveMaximum      QoS 1/2 publishes a client may have unacknowledged towards the hub
 * @param topicAliasMaximum   topic aliases a client may use towards the hub (0 disables them)
 * @param maxKeepAlive        keep-alive the hub accepts; an MQTT 5 client asking more (or 0) is told this via Server
 *                            Keep Alive (MQTT 3.1.1 clients cannot be told, so they keep their own)
 * @param maxSessionExpiry    longest session expiry the hub grants
 * @param maxQueuedMessages   QoS 1/2 messages queued per session beyond the client's receive maximum
 * @param maxQueuedBytes      payload bytes queued per session beyond the client's receive maximum
 * @param connectTimeout      how long a new connection may take to send CONNECT
 */
public record MqttServerConfig(
        String host,
        int port,
        int webSocketPort,
        String webSocketPath,
        int tlsPort,
        int secureWebSocketPort,
        int maxPacketSize,
        int receiveMaximum,
        int topicAliasMaximum,
        Duration maxKeepAlive,
        Duration maxSessionExpiry,
        int maxQueuedMessages,
        long maxQueuedBytes,
        Duration connectTimeout) {

    /** The largest packet MQTT can express: 256 MiB less one byte. */
    public static final int PROTOCOL_MAX_PACKET_SIZE = 268_435_455;
    /** Session Expiry Interval 0xFFFFFFFF: the session never expires. */
    public static final Duration NEVER_EXPIRES = Duration.ofSeconds(0xFFFF_FFFFL);
    /** The WebSocket path Azure IoT device SDKs dial (MQTT over WebSocket, usually on port 443). */
    public static final String AZURE_IOT_WEBSOCKET_PATH = "/$iothub/websocket";

    public MqttServerConfig {
        requireInRange("port", port, 0, 65_535);
        requireInRange("webSocketPort", webSocketPort, -1, 65_535);
        requireInRange("tlsPort", tlsPort, -1, 65_535);
        requireInRange("secureWebSocketPort", secureWebSocketPort, -1, 65_535);
        requireInRange("maxPacketSize", maxPacketSize, 64, PROTOCOL_MAX_PACKET_SIZE);
        requireInRange("receiveMaximum", receiveMaximum, 1, 65_535);
        requireInRange("topicAliasMaximum", topicAliasMaximum, 0, 65_535);
        requireInRange("maxQueuedMessages", maxQueuedMessages, 0, Integer.MAX_VALUE);
        requireInRange("maxQueuedBytes", maxQueuedBytes, 0, Long.MAX_VALUE);
        requireSeconds("maxKeepAlive", maxKeepAlive, 1, 65_535);
        requireSeconds("maxSessionExpiry", maxSessionExpiry, 0, 0xFFFF_FFFFL);
        requireSeconds("connectTimeout", connectTimeout, 1, 3_600);
        if (webSocketPath == null || !webSocketPath.startsWith("/")) {
            throw new IllegalArgumentException("webSocketPath must start with '/', was " + webSocketPath);
        }
    }

    /**
     * Every interface, MQTT 1883, WebSocket on 8080 at /mqtt, MQTT/TLS 8883, secure WebSocket 8443, 1 MiB
     * packets, and the limits documented in docs/configuration.md.
     */
    public static MqttServerConfig defaults() {
        return new MqttServerConfig(
                "0.0.0.0", 1883, 8080, "/mqtt", 8883, 8443,
                1024 * 1024, 64, 64,
                Duration.ofSeconds(65_535), NEVER_EXPIRES,
                10_000, 64L * 1024 * 1024, Duration.ofSeconds(10));
    }

    public MqttServerConfig withListeners(String newHost, int newPort, int newWebSocketPort) {
        return toBuilder().host(newHost).port(newPort).webSocketPort(newWebSocketPort).build();
    }

    /** The TLS listeners' ports (0 picks a free port, -1 disables the listener). */
    public MqttServerConfig withTlsListeners(int newTlsPort, int newSecureWebSocketPort) {
        return toBuilder().tlsPort(newTlsPort).secureWebSocketPort(newSecureWebSocketPort).build();
    }

    /** Whether any TLS listener is enabled, so the hub needs a certificate. */
    public boolean tlsEnabled() {
        return tlsPort >= 0 || secureWebSocketPort >= 0;
    }

    public MqttServerConfig withMaxPacketSize(int bytes) {
        return toBuilder().maxPacketSize(bytes).build();
    }

    public MqttServerConfig withReceiveMaximum(int messages) {
        return toBuilder().receiveMaximum(messages).build();
    }

    public MqttServerConfig withMaxKeepAlive(Duration keepAlive) {
        return toBuilder().maxKeepAlive(keepAlive).build();
    }

    public MqttServerConfig withTopicAliasMaximum(int aliases) {
        return toBuilder().topicAliasMaximum(aliases).build();
    }

    public MqttServerConfig withMaxQueuedMessages(int messages) {
        return toBuilder().maxQueuedMessages(messages).build();
    }

    public MqttServerConfig withMaxQueuedBytes(long bytes) {
        return toBuilder().maxQueuedBytes(bytes).build();
    }

    /** A builder starting from this configuration; {@link Builder#build()} validates the result. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some values of a configuration, then builds (and checks) a new one. */
    public static final class Builder {
        private String host;
        private int port;
        private int webSocketPort;
        private String webSocketPath;
        private int tlsPort;
        private int secureWebSocketPort;
        private int maxPacketSize;
        private int receiveMaximum;
        private int topicAliasMaximum;
        private Duration maxKeepAlive;
        private Duration maxSessionExpiry;
        private int maxQueuedMessages;
        private long maxQueuedBytes;
        private Duration connectTimeout;

        private Builder(MqttServerConfig from) {
            host = from.host;
            port = from.port;
            webSocketPort = from.webSocketPort;
            webSocketPath = from.webSocketPath;
            tlsPort = from.tlsPort;
            secureWebSocketPort = from.secureWebSocketPort;
            maxPacketSize = from.maxPacketSize;
            receiveMaximum = from.receiveMaximum;
            topicAliasMaximum = from.topicAliasMaximum;
            maxKeepAlive = from.maxKeepAlive;
            maxSessionExpiry = from.maxSessionExpiry;
            maxQueuedMessages = from.maxQueuedMessages;
            maxQueuedBytes = from.maxQueuedBytes;
            connectTimeout = from.connectTimeout;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder webSocketPort(int value) {
            webSocketPort = value;
            return this;
        }

        public Builder tlsPort(int value) {
            tlsPort = value;
            return this;
        }

        public Builder secureWebSocketPort(int value) {
            secureWebSocketPort = value;
            return this;
        }

        public Builder maxPacketSize(int value) {
            maxPacketSize = value;
            return this;
        }

        public Builder receiveMaximum(int value) {
            receiveMaximum = value;
            return this;
        }

        public Builder topicAliasMaximum(int value) {
            topicAliasMaximum = value;
            return this;
        }

        public Builder maxKeepAlive(Duration value) {
            maxKeepAlive = value;
            return this;
        }

        public Builder maxSessionExpiry(Duration value) {
            maxSessionExpiry = value;
            return this;
        }

        public Builder maxQueuedMessages(int value) {
            maxQueuedMessages = value;
            return this;
        }

        public Builder maxQueuedBytes(long value) {
            maxQueuedBytes = value;
            return this;
        }

        /** The configuration; throws {@link IllegalArgumentException} naming the first bad value. */
        public MqttServerConfig build() {
            return new MqttServerConfig(host, port, webSocketPort, webSocketPath, tlsPort, secureWebSocketPort,
                    maxPacketSize, receiveMaximum, topicAliasMaximum, maxKeepAlive, maxSessionExpiry,
                    maxQueuedMessages, maxQueuedBytes, connectTimeout);
        }
    }

    private static void requireInRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static void requireSeconds(String name, Duration value, long min, long max) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set");
        }
        requireInRange(name + " (seconds)", value.toSeconds(), min, max);
    }
}
