package io.thingbus.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the HTTP port (the port number itself is the hub's {@code --http-port}).
 *
 * @param maxRequestBodyBytes largest request body accepted; a larger one is answered 413
 * @param idleTimeout         an HTTP connection with no traffic for this long is closed (not once upgraded to
 *                            MQTT over WebSocket, where MQTT keep-alive rules)
 */
public record HttpServerConfig(int maxRequestBodyBytes, Duration idleTimeout) {

    /** 1 MiB: room for a bulk import chunk, small enough to buffer. */
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 1024 * 1024;

    public HttpServerConfig {
        if (maxRequestBodyBytes < 1) {
            throw new IllegalArgumentException("maxRequestBodyBytes must be positive, was " + maxRequestBodyBytes);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
    }

    public static HttpServerConfig defaults() {
        return new HttpServerConfig(DEFAULT_MAX_REQUEST_BODY_BYTES, Duration.ofSeconds(60));
    }

    public HttpServerConfig withMaxRequestBodyBytes(int bytes) {
        return new HttpServerConfig(bytes, idleTimeout);
    }
}
