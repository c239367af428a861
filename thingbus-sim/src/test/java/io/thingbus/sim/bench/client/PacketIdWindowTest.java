package io.thingbus.sim.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacketIdWindowTest {

    @Test
    void handsOutIdsUpToItsCapacity() {
        PacketIdWindow window = new PacketIdWindow(3);

        assertThat(window.acquire()).isEqualTo(1);
        assertThat(window.acquire()).isEqualTo(2);
        assertThat(window.acquire()).isEqualTo(3);
        assertThat(window.isFull()).isTrue();
        assertThat(window.acquire()).isEqualTo(PacketIdWindow.NO_ID);
        assertThat(window.inFlight()).isEqualTo(3);
    }

    @Test
    void pubAckFreesAQos1Id() {
        PacketIdWindow window = new PacketIdWindow(1);
        int id = window.acquire();

        assertThat(window.acknowledged(id)).isTrue();
        assertThat(window.inFlight()).isZero();
        assertThat(window.acquire()).isEqualTo(id);
    }

    @Test
    void qos2IdIsFreedOnlyByPubCompAfterPubRec() {
        PacketIdWindow window = new PacketIdWindow(2);
        int id = window.acquire();

        assertThat(window.completed(id)).as("PUBCOMP before PUBREC").isFalse();
        assertThat(window.received(id)).isTrue();
        assertThat(window.inFlight()).as("still awaiting PUBCOMP").isEqualTo(1);
        assertThat(window.acknowledged(id)).as("PUBACK after PUBREC").isFalse();
        assertThat(window.completed(id)).isTrue();
        assertThat(window.inFlight()).isZero();
    }

    @Test
    void acknowledgementsForUnknownIdsChangeNothing() {
        PacketIdWindow window = new PacketIdWindow(2);
        window.acquire();

        assertThat(window.acknowledged(2)).isFalse();
        assertThat(window.acknowledged(0)).isFalse();
        assertThat(window.acknowledged(65_535)).isFalse();
        assertThat(window.inFlight()).isEqualTo(1);
    }

    @Test
    void aDuplicateAckDoesNotFreeTwice() {
        PacketIdWindow window = new PacketIdWindow(2);
        int id = window.acquire();
        window.acknowledged(id);

        assertThat(window.acknowledged(id)).isFalse();
        assertThat(window.inFlight()).isZero();
        window.acquire();
        window.acquire();
        assertThat(window.acquire()).isEqualTo(PacketIdWindow.NO_ID);
    }

    @Test
    void capacityLeavesTheSubscribeIdFree() {
        assertThat(PacketIdWindow.MAX_CAPACITY).isLessThan(BenchConnection.SUBSCRIBE_PACKET_ID);
        assertThatThrownBy(() -> new PacketIdWindow(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacketIdWindow(PacketIdWindow.MAX_CAPACITY + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
