package io.thingbus.mqtt.internal.connection;

import io.thingbus.errors.ErrorCode;
import io.thingbus.registry.auth.AuthenticationResult;
import io.thingbus.registry.auth.ClientAuthenticator;
import io.thingbus.registry.auth.ClientCredentials;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link ClientAuthenticator} on a small bounded pool of workers, never on an event loop
 * (it may hash a password or read the registry), and hands its answer back to the connection's event
 * loop. When the workers' queue is full the client is refused {@link ErrorCode#SERVER_BUSY} at once:
 * a reconnect storm queues up to a bound, then sheds load instead of growing the heap.
 */
public final class OffLoopAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(OffLoopAuthenticator.class);

    private final ClientAuthenticator authenticator;
    private final Executor workers;

    public OffLoopAuthenticator(ClientAuthenticator authenticator, Executor workers) {
        this.authenticator = authenticator;
        this.workers = workers;
    }

    /**
     * Authenticates {@code credentials} on a worker, then runs {@code then} with the result on the
     * connection's event loop. Call on that event loop. An authenticator that throws (or answers null)
     * refuses the client with {@link ErrorCode#SERVER_UNAVAILABLE}.
     */
    public void authenticate(ClientConnection connection, ClientCredentials credentials,
                             Consumer<AuthenticationResult> then) {
        try {
            workers.execute(() -> {
                AuthenticationResult result = run(connection, credentials);
                try {
                    connection.channel().eventLoop().execute(() -> then.accept(result));
                } catch (RejectedExecutionException shuttingDown) {
                    log.debug("[{}] authenticated while the broker shuts down", connection.logContext());
                }
            });
        } catch (RejectedExecutionException saturated) {
            then.accept(new AuthenticationResult.Refused(ErrorCode.SERVER_BUSY, "too many clients authenticating"));
        }
    }

    private AuthenticationResult run(ClientConnection connection, ClientCredentials credentials) {
        try {
            return Objects.requireNonNull(authenticator.authenticate(credentials), "the authenticator's answer");
        } catch (RuntimeException e) {
            log.warn("[{}] the authenticator failed", connection.logContext(), e);
            return new AuthenticationResult.Refused(ErrorCode.SERVER_UNAVAILABLE, "authentication failed");
        }
    }
}
