package io.thingbus.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

/**
 * Binds the HTTP port with the given per-connection initializer, on event loops someone else owns
 * (the broker's: see {@code MqttServer.bindListener}), and returns the listening channel.
 */
@FunctionalInterface
public interface ListenerBinder {

    Channel bind(ChannelHandler childHandler) throws InterruptedException;
}
