package io.thingbus.http.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/** Who takes a connection over when its request is a WebSocket upgrade on one of its paths (MQTT). */
public interface WebSocketTarget {

    /** Whether upgrades on this decoded path are this target's. */
    boolean accepts(String path);

    /**
     * Takes the channel over, on its event loop: adds its stages, removes {@code httpStage}, answers
     * the upgrade. Takes ownership of {@code request}.
     */
    void upgrade(ChannelHandlerContext httpStage, FullHttpRequest request);
}
