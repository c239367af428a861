package io.thingbus.sim.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeepAliveSchedulerTest {

    @Test
    void pingPeriodIsThreeQuartersOfTheKeepAlive() {
        assertThat(KeepAliveScheduler.slotsFor(60)).isEqualTo(45);
        assertThat(KeepAliveScheduler.slotsFor(1)).isEqualTo(1);
        assertThatThrownBy(() -> KeepAliveScheduler.slotsFor(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyConnectionIsPingedOncePerPeriodAndPingsAreSpread() {
        KeepAliveScheduler scheduler = KeepAliveScheduler.manual(4); // three slots
        List<AtomicInteger> pings = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            AtomicInteger count = new AtomicInteger();
            pings.add(count);
            scheduler.register(count::incrementAndGet);
        }

        scheduler.tick();
        assertThat(pings.stream().mapToInt(AtomicInteger::get).sum()).as("one slot per tick").isEqualTo(3);

        scheduler.tick();
        scheduler.tick();
        assertThat(pings).allSatisfy(count -> assertThat(count).hasValue(1));

        for (int i = 0; i < 3; i++) {
            scheduler.tick();
        }
        assertThat(pings).allSatisfy(count -> assertThat(count).hasValue(2));
    }

    @Test
    void anUnregisteredConnectionIsNoLongerPinged() {
        KeepAliveScheduler scheduler = KeepAliveScheduler.manual(1);
        AtomicInteger pings = new AtomicInteger();
        KeepAliveScheduler.Pingable connection = pings::incrementAndGet;
        int slot = scheduler.register(connection);

        scheduler.tick();
        scheduler.unregister(connection, slot);
        scheduler.tick();

        assertThat(pings).hasValue(1);
    }
}
