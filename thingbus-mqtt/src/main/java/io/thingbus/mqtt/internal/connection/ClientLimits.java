package io.thingbus.mqtt.internal.connection;

/**
 * What a connected client asked of the hub in its CONNECT (MQTT 5 properties; MQTT 3.1.1 clients
 * get the defaults).
 *
 * @param receiveMaximum    QoS 1/2 publishes the hub may have unacknowledged towards the client
 * @param maximumPacketSize largest packet the client accepts
 * @param topicAliasMaximum topic aliases the hub may use towards the client
 * @param problemInformation false when the client asked for no reason strings on anything but CONNACK/DISCONNECT
 */
public record ClientLimits(int receiveMaximum, int maximumPacketSize, int topicAliasMaximum, boolean problemInformation) {

    /** The limits of a client that stated none: what MQTT 3.1.1 clients get. */
    public static ClientLimits unstated(int defaultReceiveMaximum) {
        return new ClientLimits(defaultReceiveMaximum, Integer.MAX_VALUE, 0, true);
    }
}
