package io.thingbus.sim.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.8.7", "::1", "localhost", "LOCALHOST"})
    void acceptsLoopback(String host) {
        assertThat(LoopbackTarget.resolve(host, 1883).getAddress().isLoopbackAddress()).isTrue();
        assertThat(LoopbackTarget.resolve(host, 1883).getPort()).isEqualTo(1883);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.1.20", "0.0.0.0", "8.8.8.8", "fe80::1"})
    void refusesOtherAddresses(String host) {
        assertThatThrownBy(() -> LoopbackTarget.resolve(host, 1883))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
    }

    @ParameterizedTest
    @ValueSource(strings = {"broker.example.com", "my-broker", ""})
    void refusesNamesWithoutLookingThemUp(String host) {
        assertThatThrownBy(() -> LoopbackTarget.resolve(host, 1883))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IP address or localhost");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65_536})
    void refusesPortsOutOfRange(int port) {
        assertThatThrownBy(() -> LoopbackTarget.resolve("127.0.0.1", port)).isInstanceOf(IllegalArgumentException.class);
    }
}
