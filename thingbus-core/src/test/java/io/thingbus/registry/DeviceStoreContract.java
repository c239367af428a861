package io.thingbus.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link DeviceStore} must do; subclasses say how to open (and reopen) one. */
public abstract class DeviceStoreContract {

    private RegistryStores stores;

    /** A new, empty store set. */
    protected abstract RegistryStores newStores();

    /** The same stores after a restart (closing the current ones), or the same object for heap stores. */
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
    void aPutDeviceIsFoundWithEveryField() {
        Device device = sample("dev-1", "gw-1").withCredentials(
                new DeviceCredentials("cHJpbWFyeQ==", "c2Vjb25kYXJ5", "AB".repeat(32), null), Instant.ofEpochSecond(2_000));

        stores.devices().put(device);
        stores = reopen(stores);

        assertThat(stores.devices().find("dev-1")).contains(device);
        assertThat(stores.devices().find("dev-2")).isEmpty();
    }

    @Test
    void putReplacesAndRemoveForgets() {
        stores.devices().put(sample("dev-1", null));
        Device disabled = sample("dev-1", null).withStatus(DeviceStatus.DISABLED, Instant.ofEpochSecond(3_000));

        stores.devices().put(disabled);

        assertThat(stores.devices().find("dev-1")).contains(disabled);
        assertThat(stores.devices().remove("dev-1")).isTrue();
        assertThat(stores.devices().remove("dev-1")).isFalse();
        stores = reopen(stores);
        assertThat(stores.devices().find("dev-1")).isEmpty();
        assertThat(stores.devices().count()).isZero();
    }

    @Test
    void listPagesInIdOrder() {
        for (String id : new String[] {"c", "a", "d", "b", "e"}) {
            stores.devices().put(sample(id, null));
        }

        assertThat(stores.devices().list(null, 2)).extracting(Device::id).containsExactly("a", "b");
        assertThat(stores.devices().list("b", 2)).extracting(Device::id).containsExactly("c", "d");
        assertThat(stores.devices().list("d", 2)).extracting(Device::id).containsExactly("e");
        assertThat(stores.devices().list("bb", 10)).extracting(Device::id).containsExactly("c", "d", "e");
        assertThat(stores.devices().count()).isEqualTo(5);
    }

    @Test
    void idsThatAreAPrefixOfOthersListAndFindApart() {
        stores.devices().put(sample("dev", null));
        stores.devices().put(sample("dev-10", null));
        stores.devices().put(sample("dev-1", null));

        assertThat(stores.devices().list(null, 10)).extracting(Device::id).containsExactly("dev", "dev-1", "dev-10");
        assertThat(stores.devices().list("dev-1", 10)).extracting(Device::id).containsExactly("dev-10");
    }

    protected static Device sample(String id, String parentId) {
        Instant created = Instant.ofEpochSecond(1_000);
        return new Device(id, DeviceStatus.ENABLED, DeviceCredentials.keys("a2V5MQ==", "a2V5Mg=="),
                Map.of("room", "A", "neighbourhood", "N3"), parentId, 3, created, created);
    }
}
