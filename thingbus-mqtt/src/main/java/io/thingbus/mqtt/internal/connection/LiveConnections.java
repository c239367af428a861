package io.thingbus.mqtt.internal.connection;

import io.thingbus.errors.ErrorCode;
import io.thingbus.registry.ConnectivityEvent;
import io.thingbus.registry.ConnectivityListener;
import io.thingbus.registry.auth.ClientIdentity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepted connections by identity, and the connectivity events of their coming and going. An
 * identity usually has one connection (a device), sometimes a few (a user with several client ids);
 * each is kept as a small immutable list replaced on change, so kicking one device is a map lookup,
 * not a scan of every connection.
 *
 * <p>Thread-safety: {@link #connected} and {@link #disconnected} run on the connection's event loop,
 * {@link #disconnect} on any thread; it closes each connection on that connection's own event loop.
 */
public final class LiveConnections {

    private static final Logger log = LoggerFactory.getLogger(LiveConnections.class);

    private final ConcurrentHashMap<ClientIdentity, List<ClientConnection>> byIdentity = new ConcurrentHashMap<>();
    private final ConnectivityListener listener;
    private final MqttServerDisconnector disconnector;
    private final Clock clock;

    public LiveConnections(ConnectivityListener listener, MqttServerDisconnector disconnector, Clock clock) {
        this.listener = listener;
        this.disconnector = disconnector;
        this.clock = clock;
    }

    /** A connection was accepted and its CONNACK sent: indexes it and reports it connected. */
    public void connected(ClientConnection connection) {
        byIdentity.compute(connection.client().identity(), (identity, connections) -> {
            if (connections == null) {
                return List.of(connection);
            }
            List<ClientConnection> more = new ArrayList<>(connections.size() + 1);
            more.addAll(connections);
            more.add(connection);
            return List.copyOf(more);
        });
        report(connection, ConnectivityEvent.Type.CONNECTED, null);
    }

    /**
     * A connection {@link #connected} earlier has ended: forgets it and reports it disconnected, with
     * the reason noted on it (or "connection lost" when the peer just went away). Reported once, by
     * whichever caller comes first: the connection's own close, or, for a taken-over session, the
     * connection that took over, so its disconnection is reported before the new connection's arrival.
     */
    public void disconnected(ClientConnection connection) {
        boolean[] removed = {false};
        byIdentity.computeIfPresent(connection.client().identity(), (identity, connections) -> {
            if (!connections.contains(connection)) {
                return connections;
            }
            removed[0] = true;
            List<ClientConnection> rest = new ArrayList<>(connections);
            rest.remove(connection);
            return rest.isEmpty() ? null : List.copyOf(rest);
        });
        if (removed[0]) {
            String reason = connection.closeReason();
            report(connection, ConnectivityEvent.Type.DISCONNECTED, reason == null ? "connection lost" : reason);
        }
    }

    /** The live connections of one identity. */
    public List<ClientConnection> of(ClientIdentity identity) {
        return byIdentity.getOrDefault(identity, List.of());
    }

    /**
     * Disconnects every live connection whose identity matches, each on its own event loop, with
     * {@code code} and {@code reason} (an MQTT 5 DISCONNECT; MQTT 3.1.1 connections are just closed).
     * Returns how many connections were asked to close.
     */
    public int disconnect(Predicate<ClientIdentity> which, ErrorCode code, String reason) {
        List<ClientConnection> matching = new ArrayList<>();
        byIdentity.forEach((identity, connections) -> {
            if (which.test(identity)) {
                matching.addAll(connections);
            }
        });
        return disconnectAll(matching, code, reason);
    }

    /** Disconnects every live connection of one identity, as {@link #disconnect(Predicate, ErrorCode, String)}. */
    public int disconnect(ClientIdentity identity, ErrorCode code, String reason) {
        return disconnectAll(of(identity), code, reason);
    }

    private int disconnectAll(List<ClientConnection> connections, ErrorCode code, String reason) {
        int asked = 0;
        for (ClientConnection connection : connections) {
            try {
                connection.channel().eventLoop().execute(() -> disconnector.disconnect(connection, code, reason));
                asked++;
            } catch (RejectedExecutionException shuttingDown) {
                // the broker is closing: the connection goes with it
            }
        }
        return asked;
    }

    private void report(ClientConnection connection, ConnectivityEvent.Type type, String reason) {
        ConnectedClient client = connection.client();
        ConnectivityEvent event = new ConnectivityEvent(client.identity(), client.clientId(), type, clock.instant(),
                connection.remoteAddress(), connection.transport().label(),
                client.isMqtt5() ? "mqtt5" : "mqtt3.1.1", reason);
        try {
            listener.connectivityChanged(event);
        } catch (RuntimeException e) {
            log.warn("[{}] the connectivity listener failed on {}", connection.logContext(), type, e);
        }
    }
}
