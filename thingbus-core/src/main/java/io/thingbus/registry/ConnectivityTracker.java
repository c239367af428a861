package io.thingbus.registry;

import io.thingbus.registry.auth.ClientIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Keeps the connection state of every device seen since the log began, and the log itself: every
 * {@link ConnectivityEvent} is appended to a {@link ConnectivityEventStore} (the last
 * {@code keptEvents} are kept), reflected in the device's {@link DeviceConnection}, and handed to
 * live subscribers (the API's event stream, the console).
 *
 * <p>A device may briefly have two connections (a new one takes over the old one's session before
 * the old one has closed), so it counts them and is connected while any is open. At start the
 * kept log is replayed; a device the log leaves connected was cut off by the hub's own stop, and
 * shows as disconnected with reason {@code "hub restarted"}.
 */
public final class ConnectivityTracker implements ConnectivityListener {

    /** Trim the kept log every this many appends, not on every one. */
    private static final int TRIM_EVERY = 1024;
    private static final int REPLAY_PAGE = 4096;
    private static final String HTTP = "http";

    private final ConnectivityEventStore store;
    private final long keptEvents;
    private final ConcurrentHashMap<String, Tracked> devices = new ConcurrentHashMap<>();
    private final List<Consumer<LoggedConnectivityEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** A device's state and how many connections it has open. */
    private record Tracked(DeviceConnection view, int connections) {
    }

    public ConnectivityTracker(ConnectivityEventStore store, long keptEvents) {
        if (keptEvents < 1) {
            throw new IllegalArgumentException("keptEvents must be at least 1, was " + keptEvents);
        }
        this.store = store;
        this.keptEvents = keptEvents;
        replay();
    }

    @Override
    public void connectivityChanged(ConnectivityEvent event) {
        LoggedConnectivityEvent logged = store.append(event);
        apply(event);
        if (logged.seq() % TRIM_EVERY == 0 && logged.seq() > keptEvents) {
            store.removeThrough(logged.seq() - keptEvents);
        }
        for (Consumer<LoggedConnectivityEvent> subscriber : subscribers) {
            subscriber.accept(logged);
        }
    }

    /**
     * Notes a message a device sent over HTTP, which holds no connection: its last activity, address and
     * transport ({@code http}); a device seen only this way shows as disconnected since its first post.
     * (A connected MQTT device's activity is its connection's last packet, which the broker knows.)
     */
    public void recordHttpMessage(String deviceId, Instant at, String remoteAddress) {
        devices.compute(deviceId, (id, tracked) -> tracked == null
                ? new Tracked(new DeviceConnection(id, false, at, at, remoteAddress, HTTP, HTTP, null), 0)
                : new Tracked(withActivity(tracked.view(), at), tracked.connections()));
    }

    /** The device's state, empty when it has not connected while the kept log lasts. */
    public Optional<DeviceConnection> state(String deviceId) {
        Tracked tracked = devices.get(deviceId);
        return tracked == null ? Optional.empty() : Optional.of(tracked.view());
    }

    /** How many devices are connected now. */
    public long connectedDevices() {
        return devices.values().stream().filter(tracked -> tracked.connections() > 0).count();
    }

    /** Up to {@code limit} kept events after {@code afterSeq}, oldest first. */
    public List<LoggedConnectivityEvent> events(long afterSeq, int limit) {
        return store.read(afterSeq, limit);
    }

    /** The sequence number of the newest event, 0 when there is none. */
    public long lastSeq() {
        return store.lastSeq();
    }

    /**
     * Hands every later event to {@code subscriber}, on the thread that reported it (so it must be
     * quick and must not block). Close the returned subscription to stop.
     */
    public Subscription subscribe(Consumer<LoggedConnectivityEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** A live subscription to the events; closing it twice is harmless. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private void apply(ConnectivityEvent event) {
        if (event.identity().kind() != ClientIdentity.Kind.DEVICE) {
            return;
        }
        devices.compute(event.identity().name(), (id, tracked) -> {
            int connections = tracked == null ? 0 : tracked.connections();
            return switch (event.type()) {
                case CONNECTED -> new Tracked(new DeviceConnection(id, true, event.time(), event.time(),
                        event.remoteAddress(), event.transport(), event.protocol(),
                        tracked == null ? null : tracked.view().lastDisconnectReason()), connections + 1);
                case DISCONNECTED -> connections > 1
                        ? new Tracked(withActivity(tracked.view(), event.time()), connections - 1)
                        : new Tracked(new DeviceConnection(id, false, event.time(), event.time(),
                                event.remoteAddress(), event.transport(), event.protocol(), event.reason()), 0);
            };
        });
    }

    private void replay() {
        long after = 0;
        for (List<LoggedConnectivityEvent> page = store.read(after, REPLAY_PAGE); !page.isEmpty();
             page = store.read(after, REPLAY_PAGE)) {
            for (LoggedConnectivityEvent logged : page) {
                apply(logged.event());
                after = logged.seq();
            }
        }
        devices.replaceAll((id, tracked) -> tracked.connections() == 0 ? tracked
                : new Tracked(new DeviceConnection(id, false, tracked.view().since(), tracked.view().lastActivity(),
                        tracked.view().remoteAddress(), tracked.view().transport(), tracked.view().protocol(),
                        "hub restarted"), 0));
    }

    private static DeviceConnection withActivity(DeviceConnection view, Instant at) {
        return new DeviceConnection(view.deviceId(), view.connected(), view.since(), at, view.remoteAddress(),
                view.transport(), view.protocol(), view.lastDisconnectReason());
    }
}
