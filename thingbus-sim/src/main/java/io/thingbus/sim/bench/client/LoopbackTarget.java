package io.thingbus.sim.bench.client;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Turns a {@code --host} value into a broker address, refusing anything outside loopback
 * (127.0.0.0/8 and ::1): the bench is run on shared machines where traffic must stay local.
 * Only IP literals and {@code localhost} are accepted, so no name lookup ever leaves the host.
 */
public final class LoopbackTarget {

    private LoopbackTarget() {
    }

    /**
     * The loopback socket address for {@code host} and {@code port}.
     *
     * @throws IllegalArgumentException with a message fit for the user when the host is not loopback
     */
    public static InetSocketAddress resolve(String host, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        InetAddress address = "localhost".equalsIgnoreCase(host)
                ? InetAddress.getLoopbackAddress()
                : NetUtil.createInetAddressFromIpAddressString(host);
        if (address == null) {
            throw new IllegalArgumentException("--host must be an IP address or localhost, got '" + host
                    + "' (names are not resolved so that no lookup leaves this machine)");
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("refusing to target " + host
                    + ": thingbus bench only sends traffic to loopback (127.0.0.0/8 or ::1)");
        }
        return new InetSocketAddress(address, port);
    }
}
