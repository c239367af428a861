package io.thingbus.sim.bench.client;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Spreads client connections over the loopback source addresses 127.0.0.1, 127.0.0.2, ... so that
 * one host can open more connections to a single broker port than one address has ephemeral ports
 * (about 28,000 with Linux's default {@code ip_local_port_range}).
 *
 * <p>Addresses skip .0 and .255 in the last octet: 127.0.0.1 to 127.0.0.254, then 127.0.1.1 and on.
 * With a single address the kernel chooses the source itself and nothing is bound.
 */
public record SourceAddressPlan(int addresses) {

    /** Connections planned per source address: the default port range with some headroom. */
    public static final int CONNECTIONS_PER_ADDRESS = 25_000;

    /** The most addresses the plan can name (127.0.0.1 to 127.0.255.254). */
    public static final int MAX_ADDRESSES = 254 * 256;

    private static final int HOSTS_PER_OCTET = 254;

    public SourceAddressPlan {
        if (addresses < 1 || addresses > MAX_ADDRESSES) {
            throw new IllegalArgumentException(
                    "source addresses must be between 1 and " + MAX_ADDRESSES + ", got " + addresses);
        }
    }

    /** Enough addresses for {@code connections} at {@link #CONNECTIONS_PER_ADDRESS} each. */
    public static SourceAddressPlan forConnections(int connections) {
        int needed = Math.max(1, (connections + CONNECTIONS_PER_ADDRESS - 1) / CONNECTIONS_PER_ADDRESS);
        return new SourceAddressPlan(needed);
    }

    /** Whether connections bind an explicit source address (more than one address planned). */
    public boolean bindsSource() {
        return addresses > 1;
    }

    /** The source address of connection {@code connectionIndex}, round robin over the plan. */
    public Inet4Address addressFor(int connectionIndex) {
        int slot = Math.floorMod(connectionIndex, addresses);
        byte[] octets = {127, 0, (byte) (slot / HOSTS_PER_OCTET), (byte) (slot % HOSTS_PER_OCTET + 1)};
        try {
            return (Inet4Address) InetAddress.getByAddress(octets);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("four octets always make an address", impossible);
        }
    }
}
