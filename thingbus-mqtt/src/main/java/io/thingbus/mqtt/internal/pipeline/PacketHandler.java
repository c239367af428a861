package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.thingbus.mqtt.internal.connection.ClientConnection;

/**
 * Handles one MQTT packet type for every connection. Implementations are stateless (per-connection
 * state lives in {@link ClientConnection}) and run on the connection's event loop. The dispatcher
 * releases the message afterwards: a handler that keeps a buffer must retain it.
 */
interface PacketHandler {

    /** The packet type this handler owns. */
    MqttMessageType type();

    void handle(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message);
}
