package io.thingbus.server.tls;

/**
 * The hub cannot serve TLS: a certificate or key file is missing, unreadable, malformed, or the two do
 * not belong together. The message names the file and what to do; start-up stops with it.
 */
public final class TlsSetupException extends RuntimeException {

    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
