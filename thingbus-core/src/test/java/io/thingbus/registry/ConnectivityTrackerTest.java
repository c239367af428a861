package io.thingbus.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.registry.auth.ClientIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectivityTrackerTest {

    private final InMemoryConnectivityEventStore store = new InMemoryConnectivityEventStore();
    private final ConnectivityTracker tracker = new ConnectivityTracker(store, 10_000);

    @Test
    void aDeviceIsConnectedUntilItsLastConnectionCloses() {
        tracker.connectivityChanged(event("dev-1", ConnectivityEvent.Type.CONNECTED, 1_000, null));
        tracker.connectivityChanged(event("dev-1", ConnectivityEvent.Type.CONNECTED, 2_000, null));
        tracker.connectivityChanged(event("dev-1", ConnectivityEvent.Type.DISCONNECTED, 2_001, "session taken over"));

        DeviceConnection state = tracker.state("dev-1").orElseThrow();
        assertThat(state.connected()).isTrue();
        assertThat(state.since()).isEqualTo(Instant.ofEpochMilli(2_000));
        assertThat(tracker.connectedDevices()).isEqualTo(1);

        tracker.connectivityChanged(event("dev-1", ConnectivityEvent.Type.DISCONNECTED, 3_000, "keep alive timeout"));

        state = tracker.state("dev-1").orElseThrow();
        assertThat(state.connected()).isFalse();
        assertThat(state.since()).isEqualTo(Instant.ofEpochMilli(3_000));
        assertThat(state.lastDisconnectReason()).isEqualTo("keep alive timeout");
        assertThat(tracker.connectedDevices()).isZero();
    }

    @Test
    void anHttpMessageMovesLastActivityButNotSince() {
        tracker.connectivityChanged(event("dev-1", ConnectivityEvent.Type.CONNECTED, 1_000, null));

        tracker.recordHttpMessage("dev-1", Instant.ofEpochMilli(5_000), "127.0.0.9");

        assertThat(tracker.state("dev-1").orElseThrow().lastActivity()).isEqualTo(Instant.ofEpochMilli(5_000));
        assertThat(tracker.state("dev-1").orElseThrow().since()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(tracker.state("dev-1").orElseThrow().connected()).isTrue();
    }

    @Test
    void aDeviceSeenOnlyOverHttpIsDisconnectedWithItsLastPost() {
        tracker.recordHttpMessage("meter", Instant.ofEpochMilli(5_000), "127.0.0.9");
        tracker.recordHttpMessage("meter", Instant.ofEpochMilli(7_000), "127.0.0.9");

        DeviceConnection state = tracker.state("meter").orElseThrow();
        assertThat(state.connected()).isFalse();
        assertThat(state.since()).isEqualTo(Instant.ofEpochMilli(5_000));
        assertThat(state.lastActivity()).isEqualTo(Instant.ofEpochMilli(7_000));
        assertThat(state.transport()).isEqualTo("http");
        assertThat(tracker.connectedDevices()).isZero();
    }

    @Test
    void onlyDevicesHaveStateButEveryEventIsLoggedAndStreamed() {
        List<Long> streamed = new ArrayList<>();
        ConnectivityTracker.Subscription subscription = tracker.subscribe(logged -> streamed.add(logged.seq()));
        tracker.connectivityChanged(new ConnectivityEvent(new ClientIdentity(ClientIdentity.Kind.USER, "alice"), "c1",
                ConnectivityEvent.Type.CONNECTED, Instant.EPOCH, "127.0.0.1:1", "mqtt", "mqtt5", null));
        tracker.connectivityChanged(event("dev-1", ConnectivityEvent.Type.CONNECTED, 1, null));
        subscription.close();
        tracker.connectivityChanged(event("dev-1", ConnectivityEvent.Type.DISCONNECTED, 2, "client disconnected"));

        assertThat(tracker.state("alice")).isEmpty();
        assertThat(tracker.events(0, 10)).hasSize(3);
        assertThat(streamed).containsExactly(1L, 2L);
    }

    @Test
    void theLogKeepsTheNewestEventsOnly() {
        ConnectivityTracker small = new ConnectivityTracker(store, 100);
        for (int i = 0; i < 2_100; i++) {
            small.connectivityChanged(event("dev-" + i, ConnectivityEvent.Type.CONNECTED, i, null));
        }

        List<LoggedConnectivityEvent> kept = small.events(0, 5_000);
        assertThat(kept.getFirst().seq()).isGreaterThan(1_900);
        assertThat(kept.getLast().seq()).isEqualTo(2_100);
    }

    @Test
    void afterARestartDevicesTheLogLeftConnectedShowAsCutOffByTheHub() {
        tracker.connectivityChanged(event("dev-1", ConnectivityEvent.Type.CONNECTED, 1_000, null));
        tracker.connectivityChanged(event("dev-2", ConnectivityEvent.Type.CONNECTED, 1_000, null));
        tracker.connectivityChanged(event("dev-2", ConnectivityEvent.Type.DISCONNECTED, 2_000, "client disconnected"));

        ConnectivityTracker restarted = new ConnectivityTracker(store, 10_000);

        assertThat(restarted.state("dev-1").orElseThrow().connected()).isFalse();
        assertThat(restarted.state("dev-1").orElseThrow().lastDisconnectReason()).isEqualTo("hub restarted");
        assertThat(restarted.state("dev-2").orElseThrow().lastDisconnectReason()).isEqualTo("client disconnected");
        assertThat(restarted.connectedDevices()).isZero();
    }

    private static ConnectivityEvent event(String deviceId, ConnectivityEvent.Type type, long millis, String reason) {
        return new ConnectivityEvent(ClientIdentity.device(deviceId), deviceId, type, Instant.ofEpochMilli(millis),
                "127.0.0.1:4000", "mqtt", "mqtt5", reason);
    }
}
