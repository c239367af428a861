package io.thingbus.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.TopicFilter;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.registry.InMemoryDeviceStore;
import io.thingbus.registry.PartitionAllocator;
import io.thingbus.testing.ManualClock;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ACLs are asked on every PUBLISH and SUBSCRIBE: the checks must not allocate (DESIGN.md section 7). */
class AccessPolicyAllocationTest {

    private static final int CHECKS = 20_000;

    @Test
    void compiledChecksAllocateNothing() {
        InMemoryDeviceStore store = new InMemoryDeviceStore();
        DeviceRegistry registry = new DeviceRegistry(store, PartitionAllocator.byIdHash(4), new ManualClock(), new SecureRandom());
        GatewayChildren gateways = GatewayChildren.load(store);
        registry.addListener(gateways);
        registry.create("gw", Map.of(), null, -1);
        for (int i = 0; i < 300; i++) {
            registry.create("badge-" + i, Map.of(), "gw", -1);
        }
        AclCompiler compiler = new AclCompiler(AclRules.parse("""
                {"rules": [
                  {"effect": "allow", "action": "all", "topic": "sites/${tag:site}/#", "clients": "devices"},
                  {"effect": "deny", "action": "all", "topic": "secret/#", "clients": "all"},
                  {"effect": "deny", "action": "publish", "topic": "devices/${deviceId}/messages/events/blocked", "clients": "devices"}
                ]}"""), gateways);
        AccessPolicy gateway = compiler.forDevice(new AclSubject(ClientIdentity.device("gw"), "gw", null, Map.of("site", "N3")));
        AccessPolicy token = compiler.forToken(new AclSubject(new ClientIdentity(ClientIdentity.Kind.TOKEN, "t"), "t", null,
                Map.of()), List.of("alerts/#"), List.of("sensors/+/temp"));
        TopicFilter devicebound = TopicFilter.parse("devices/badge-150/messages/devicebound/#");
        TopicFilter methods = TopicFilter.parse("$iothub/methods/POST/#");
        TopicFilter sensors = TopicFilter.parse("sensors/+/temp");
        TopicFilter everything = TopicFilter.parse("#");

        int allowed = run(gateway, token, devicebound, methods, sensors, everything);
        long before = allocatedBytes();
        allowed += run(gateway, token, devicebound, methods, sensors, everything);
        long allocated = allocatedBytes() - before;

        assertThat(allowed).isEqualTo(2 * CHECKS * 8);
        assertThat(allocated).as("bytes allocated by %s checks", CHECKS * 10).isLessThan(1_024);
    }

    private static int run(AccessPolicy gateway, AccessPolicy token, TopicFilter devicebound, TopicFilter methods,
                           TopicFilter sensors, TopicFilter everything) {
        int allowed = 0;
        for (int i = 0; i < CHECKS; i++) {
            allowed += gateway.mayPublish("devices/badge-150/messages/events/a=1") ? 1 : 0;
            allowed += gateway.mayPublish("devices/gw/messages/events/") ? 1 : 0;
            allowed += gateway.mayPublish("$iothub/methods/res/200/?$rid=42") ? 1 : 0;
            allowed += gateway.mayPublish("sites/N3/gw/status") ? 1 : 0;
            allowed += gateway.mayPublish("secret/x") ? 1 : 0;
            allowed += gateway.maySubscribe(devicebound) ? 1 : 0;
            allowed += gateway.maySubscribe(methods) ? 1 : 0;
            allowed += token.mayPublish("alerts/fire") ? 1 : 0;
            allowed += token.maySubscribe(sensors) ? 1 : 0;
            allowed += token.maySubscribe(everything) ? 1 : 0;
        }
        return allowed;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
