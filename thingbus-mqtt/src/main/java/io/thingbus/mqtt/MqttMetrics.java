package io.thingbus.mqtt;

/**
 * What the broker can tell a metrics registry, read at scrape time. Every method is cheap (a size
 * read, no iteration) and safe from any thread.
 */
public interface MqttMetrics {

    /** Open MQTT connections, over TCP and WebSocket, whether or not they have sent CONNECT yet. */
    int connections();

    /** Sessions the broker holds: connected clients plus persistent sessions waiting for their client. */
    int sessions();
}
