package io.thingbus.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.registry.auth.ClientIdentity;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConnectivityEventStore} must do; subclasses say how to open (and reopen) one. */
public abstract class ConnectivityEventStoreContract {

    private RegistryStores stores;

    protected abstract RegistryStores newStores();

    /** The same stores after a restart, or the same object for heap stores. */
    protected abstract RegistryStores reopen(RegistryStores current);

    protected abstract void close(RegistryStores current);

    @BeforeEach
    void open() {
        stores = newStores();
    }

    @AfterEach
    void closeStores() {
        close(stores);
    }

    @Test
    void eventsAreNumberedFromOneAndReadBackInOrderWithEveryField() {
        ConnectivityEvent connected = connected("dev-1", 1_000);
        ConnectivityEvent disconnected = new ConnectivityEvent(ClientIdentity.device("dev-1"), "dev-1",
                ConnectivityEvent.Type.DISCONNECTED, Instant.ofEpochMilli(2_000), "127.0.0.1:5000", "mqtts", "mqtt5",
                "keep alive timeout");

        assertThat(stores.connectivity().append(connected).seq()).isEqualTo(1);
        assertThat(stores.connectivity().append(disconnected).seq()).isEqualTo(2);
        stores = reopen(stores);

        assertThat(stores.connectivity().read(0, 10)).containsExactly(
                new LoggedConnectivityEvent(1, connected), new LoggedConnectivityEvent(2, disconnected));
        assertThat(stores.connectivity().read(1, 10)).extracting(LoggedConnectivityEvent::seq).containsExactly(2L);
        assertThat(stores.connectivity().lastSeq()).isEqualTo(2);
    }

    @Test
    void numbersAreNeverReusedAfterRemovalOrRestart() {
        for (int i = 0; i < 5; i++) {
            stores.connectivity().append(connected("dev-" + i, i));
        }

        stores.connectivity().removeThrough(3);
        stores = reopen(stores);

        assertThat(stores.connectivity().read(0, 10)).extracting(LoggedConnectivityEvent::seq).containsExactly(4L, 5L);
        assertThat(stores.connectivity().append(connected("dev-9", 9)).seq()).isEqualTo(6);
        assertThat(stores.connectivity().read(0, 1)).extracting(LoggedConnectivityEvent::seq).containsExactly(4L);
    }

    @Test
    void anEmptyStoreStartsAtZero() {
        assertThat(stores.connectivity().lastSeq()).isZero();
        assertThat(stores.connectivity().read(0, 10)).isEmpty();
    }

    protected static ConnectivityEvent connected(String deviceId, long millis) {
        return new ConnectivityEvent(ClientIdentity.device(deviceId), deviceId, ConnectivityEvent.Type.CONNECTED,
                Instant.ofEpochMilli(millis), "127.0.0.1:4000", "mqtt", "mqtt3.1.1", null);
    }
}
