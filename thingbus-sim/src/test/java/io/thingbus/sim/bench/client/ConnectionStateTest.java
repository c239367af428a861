package io.thingbus.sim.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConnectionStateTest {

    @Test
    void followsTheHandshake() {
        ConnectionState state = ConnectionState.CONNECTING
                .transitionTo(ConnectionState.AWAITING_CONNACK)
                .transitionTo(ConnectionState.CONNECTED)
                .transitionTo(ConnectionState.DISCONNECTING)
                .transitionTo(ConnectionState.CLOSED);

        assertThat(state).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void anyOpenStateMayClose() {
        for (ConnectionState state : ConnectionState.values()) {
            assertThat(state.canMoveTo(ConnectionState.CLOSED)).isEqualTo(state != ConnectionState.CLOSED);
        }
    }

    @Test
    void refusesSkippingTheHandshakeOrReopening() {
        assertThatThrownBy(() -> ConnectionState.CONNECTING.transitionTo(ConnectionState.CONNECTED))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ConnectionState.CLOSED.transitionTo(ConnectionState.CONNECTING))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ConnectionState.DISCONNECTING.transitionTo(ConnectionState.CONNECTED))
                .isInstanceOf(IllegalStateException.class);
    }
}
