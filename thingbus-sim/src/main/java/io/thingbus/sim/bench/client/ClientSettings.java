package io.thingbus.sim.bench.client;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Everything a {@link ClientGroup} needs to open bench connections.
 *
 * @param broker a loopback address (see {@link LoopbackTarget})
 * @param ioThreads event loops shared by all connections
 * @param connectTimeout for the TCP handshake
 */
public record ClientSettings(InetSocketAddress broker, IoTransport transport, int ioThreads,
        SessionSettings session, SourceAddressPlan sources, Duration connectTimeout) {

    public ClientSettings {
        if (!broker.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the bench only connects to loopback, not " + broker);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("at least one I/O thread is needed");
        }
    }
}
