package io.thingbus.sim.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceAddressPlanTest {

    @Test
    void dealsConnectionsRoundRobinFrom127001() {
        SourceAddressPlan plan = new SourceAddressPlan(3);

        assertThat(plan.addressFor(0).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(plan.addressFor(1).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(plan.addressFor(2).getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(plan.addressFor(3).getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void skipsZeroAndBroadcastLastOctets() {
        SourceAddressPlan plan = new SourceAddressPlan(600);

        assertThat(plan.addressFor(253).getHostAddress()).isEqualTo("127.0.0.254");
        assertThat(plan.addressFor(254).getHostAddress()).isEqualTo("127.0.1.1");
        assertThat(plan.addressFor(508).getHostAddress()).isEqualTo("127.0.2.1");
    }

    @Test
    void everyAddressIsLoopback() {
        SourceAddressPlan plan = new SourceAddressPlan(SourceAddressPlan.MAX_ADDRESSES);

        assertThat(plan.addressFor(SourceAddressPlan.MAX_ADDRESSES - 1).getHostAddress()).isEqualTo("127.0.255.254");
        for (int index = 0; index < SourceAddressPlan.MAX_ADDRESSES; index += 997) {
            assertThat(plan.addressFor(index).isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void plansOneAddressPerShareOfConnections() {
        assertThat(SourceAddressPlan.forConnections(1).addresses()).isEqualTo(1);
        assertThat(SourceAddressPlan.forConnections(SourceAddressPlan.CONNECTIONS_PER_ADDRESS).addresses())
                .isEqualTo(1);
        assertThat(SourceAddressPlan.forConnections(SourceAddressPlan.CONNECTIONS_PER_ADDRESS + 1).addresses())
                .isEqualTo(2);
        assertThat(SourceAddressPlan.forConnections(1_000_000).addresses()).isEqualTo(40);
    }

    @Test
    void bindsOnlyWhenThereIsMoreThanOneAddress() {
        assertThat(new SourceAddressPlan(1).bindsSource()).isFalse();
        assertThat(new SourceAddressPlan(2).bindsSource()).isTrue();
    }

    @Test
    void refusesImpossibleSizes() {
        assertThatThrownBy(() -> new SourceAddressPlan(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SourceAddressPlan(SourceAddressPlan.MAX_ADDRESSES + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
