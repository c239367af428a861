package io.thingbus.http;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The HTTP port's limits and the hub's public name (the port number itself is the hub's {@code --http-port}).
 *
 * @param maxRequestBodyBytes largest request body accepted; a larger one is answered 413
 * @param idleTimeout         an HTTP connection with no traffic for this long is closed (not while a request of
 *                            it is being handled, nor once upgraded to MQTT over WebSocket, where MQTT keep-alive rules)
 * @param hostname            the name devices dial: the {@code HostName} of their connection strings and the host
 *                            part of the SAS tokens' resource ({@code {hostname}/devices/{id}}); a DNS name or an
 *                            IP address
 * @param workerThreads       threads that run API requests, off the event loops (registry writes wait for the disk)
 * @param workerQueue         API requests that may wait for a worker; beyond that the hub answers 503
 *                            {@code SERVER_BUSY}
 */
public record HttpServerConfig(int maxRequestBodyBytes, Duration idleTimeout, String hostname, int workerThreads,
                               int workerQueue) {

    /** 1 MiB: room for a bulk import chunk, small enough to buffer. */
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 1024 * 1024;
    /** What devices dial when nothing else is configured. */
    public static final String DEFAULT_HOSTNAME = "localhost";

    /** A DNS name or an IPv4/IPv6 address: nothing that would break a connection string or a SAS resource. */
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");

    public HttpServerConfig {
        if (maxRequestBodyBytes < 1) {
            throw new IllegalArgumentException("maxRequestBodyBytes must be positive, was " + maxRequestBodyBytes);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
        if (hostname == null || !HOSTNAME.matcher(hostname).matches()) {
            throw new IllegalArgumentException("hostname must be a host name or an IP address (letters, digits, "
                    + "'.', '-', ':', '[', ']'), was '" + hostname + "'");
        }
        if (workerThreads < 1 || workerQueue < 1) {
            throw new IllegalArgumentException("workerThreads and workerQueue must be positive, were "
                    + workerThreads + " and " + workerQueue);
        }
    }

    /** 1 MiB bodies, 60 s idle, {@code localhost}, 4 workers with 256 requests waiting at most. */
    public static HttpServerConfig defaults() {
        return new HttpServerConfig(DEFAULT_MAX_REQUEST_BODY_BYTES, Duration.ofSeconds(60), DEFAULT_HOSTNAME, 4, 256);
    }

    public HttpServerConfig withMaxRequestBodyBytes(int bytes) {
        return new HttpServerConfig(bytes, idleTimeout, hostname, workerThreads, workerQueue);
    }

    public HttpServerConfig withHostname(String newHostname) {
        return new HttpServerConfig(maxRequestBodyBytes, idleTimeout, newHostname, workerThreads, workerQueue);
    }

    public HttpServerConfig withWorkers(int threads, int queue) {
        return new HttpServerConfig(maxRequestBodyBytes, idleTimeout, hostname, threads, queue);
    }
}
