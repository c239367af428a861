package io.thingbus.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.DeviceStatus;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.registry.PartitionAllocator;
import io.thingbus.testing.ManualClock;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayChildrenTest {

    private final InMemoryDeviceStore store = new InMemoryDeviceStore();
    private final DeviceRegistry registry = new DeviceRegistry(store, PartitionAllocator.byIdHash(4), new ManualClock(),
            new SecureRandom());

    @Test
    void loadsEveryChildOfTheStore() {
        registry.create("gw-1", Map.of(), null, -1);
        for (int i = 0; i < 2_500; i++) {
            registry.create(String.format("badge-%04d", i), Map.of(), "gw-1", -1);
        }

        GatewayChildren children = GatewayChildren.load(store);

        assertThat(children.isChild("gw-1", "badge-0000")).isTrue();
        assertThat(children.isChild("gw-1", "badge-2499")).isTrue();
        assertThat(children.isChild("gw-1", "badge-2500")).isFalse();
        assertThat(children.isChild("badge-0001", "gw-1")).isFalse();
    }

    @Test
    void followsTheRegistryAfterLoading() {
        registry.create("gw-1", Map.of(), null, -1);
        registry.create("gw-2", Map.of(), null, -1);
        GatewayChildren children = GatewayChildren.load(store);
        registry.addListener(children);

        registry.create("c", Map.of(), "gw-1", -1);
        assertThat(children.isChild("gw-1", "c")).isTrue();

        registry.setParent("c", "gw-2");
        assertThat(children.isChild("gw-1", "c")).isFalse();
        assertThat(children.isChild("gw-2", "c")).isTrue();

        registry.setStatus("c", DeviceStatus.DISABLED);
        assertThat(children.isChild("gw-2", "c")).as("a disabled child").isFalse();
        registry.setStatus("c", DeviceStatus.ENABLED);
        assertThat(children.isChild("gw-2", "c")).isTrue();

        registry.delete("c");
        assertThat(children.isChild("gw-2", "c")).isFalse();
    }

    @Test
    void looksUpAnIdByItsRegionInATopic() {
        registry.create("gw-1", Map.of(), null, -1);
        GatewayChildren children = GatewayChildren.load(store);
        registry.addListener(children);
        for (String id : new String[] {"b", "ab", "abc", "a"}) {
            registry.create(id, Map.of(), "gw-1", -1);
        }

        String topic = "devices/ab/messages/events/";
        assertThat(children.isChild("gw-1", topic, 8, 10)).isTrue();
        assertThat(children.isChild("gw-1", topic, 8, 9)).as("'a'").isTrue();
        assertThat(children.isChild("gw-1", "devices/abd/x", 8, 11)).isFalse();
        assertThat(children.isChild("gw-1", "devices/+/x", 8, 9)).isFalse();
    }
}
