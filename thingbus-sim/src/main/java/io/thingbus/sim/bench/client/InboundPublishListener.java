package io.thingbus.sim.bench.client;

import io.netty.buffer.ByteBuf;

/**
 * Receives the payload of every application message a connection gets, once per message (QoS 2
 * duplicates are filtered). Called on the connection's event loop; the payload is only valid
 * during the call and must not be released or retained by the listener.
 */
@FunctionalInterface
public interface InboundPublishListener {

    /** A listener for connections that subscribe to nothing. */
    InboundPublishListener NONE = payload -> { };

    void onPublish(ByteBuf payload);
}
