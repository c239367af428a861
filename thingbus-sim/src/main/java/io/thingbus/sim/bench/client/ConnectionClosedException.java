package io.thingbus.sim.bench.client;

/** The connection closed before the step that was waiting on it completed. */
public final class ConnectionClosedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConnectionClosedException(String message) {
        super(message, null, false, false);
    }
}
