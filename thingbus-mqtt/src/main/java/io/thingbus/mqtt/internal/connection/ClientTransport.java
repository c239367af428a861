package io.thingbus.mqtt.internal.connection;

import java.util.Locale;

/** How a client reached the broker; fixed when its channel is registered. */
public enum ClientTransport {
    /** MQTT over TCP. */
    MQTT,
    /** MQTT over TLS. */
    MQTTS,
    /** MQTT over WebSocket. */
    WS,
    /** MQTT over WebSocket over TLS. */
    WSS;

    /** The name credentials and connectivity events carry: {@code mqtt}, {@code mqtts}, {@code ws} or {@code wss}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
