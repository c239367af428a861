package io.thingbus.registry.provisioning;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where devices reach the hub, as the composition root knows it once the listeners are bound: the
 * host name devices dial (and name in their SAS tokens) and each listener's port, -1 when it is off.
 *
 * @param hostname            the name or address devices connect to, e.g. {@code hub.example.org} or {@code 127.0.0.1}
 * @param mqttPort            MQTT over TCP
 * @param mqttsPort           MQTT over TLS
 * @param httpPort            HTTP: the API and MQTT over WebSocket
 * @param httpsPort           MQTT over secure WebSocket
 * @param webSocketPath       the MQTT over WebSocket path on the HTTP port, e.g. {@code /mqtt}
 * @param secureWebSocketPath the MQTT over secure WebSocket path the Azure SDKs use, {@code /$iothub/websocket}
 */
public record HubEndpoints(String hostname, int mqttPort, int mqttsPort, int httpPort, int httpsPort,
                           String webSocketPath, String secureWebSocketPath) {

    public HubEndpoints {
        Objects.requireNonNull(hostname, "hostname");
        if (hostname.isBlank()) {
            throw new IllegalArgumentException("hostname must not be blank");
        }
        Objects.requireNonNull(webSocketPath, "webSocketPath");
        Objects.requireNonNull(secureWebSocketPath, "secureWebSocketPath");
    }

    /**
     * The URL of every listener that is on, by name: {@code mqtt}, {@code mqtts}, {@code websocket},
     * {@code secureWebsocket}, {@code http}.
     */
    public Map<String, String> urls() {
        String host = hostname.indexOf(':') >= 0 ? "[" + hostname + "]" : hostname;
        Map<String, String> urls = new LinkedHashMap<>();
        if (mqttPort >= 0) {
            urls.put("mqtt", "mqtt://" + host + ":" + mqttPort);
        }
        if (mqttsPort >= 0) {
            urls.put("mqtts", "mqtts://" + host + ":" + mqttsPort);
        }
        if (httpPort >= 0) {
            urls.put("websocket", "ws://" + host + ":" + httpPort + webSocketPath);
        }
        if (httpsPort >= 0) {
            urls.put("secureWebsocket", "wss://" + host + ":" + httpsPort + secureWebSocketPath);
        }
        if (httpPort >= 0) {
            urls.put("http", "http://" + host + ":" + httpPort);
        }
        return urls;
    }
}
