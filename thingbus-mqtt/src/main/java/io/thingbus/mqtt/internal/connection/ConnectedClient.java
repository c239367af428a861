package io.thingbus.mqtt.internal.connection;

import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.Objects;

/**
 * Who is on a connection once its CONNECT is accepted: never null fields, fixed for the connection's life.
 *
 * @param clientId        the client identifier (possibly assigned by the hub)
 * @param version         the protocol version negotiated
 * @param keepAliveSeconds keep-alive in force (after the hub's cap), 0 = none
 * @param limits          what the client accepts from the hub
 */
public record ConnectedClient(String clientId, MqttVersion version, int keepAliveSeconds, ClientLimits limits) {

    public ConnectedClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(limits, "limits");
    }

    public boolean isMqtt5() {
        return version == MqttVersion.MQTT_5;
    }
}
