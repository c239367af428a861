package io.thingbus.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceGuardTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AtomicLong free = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();
    private final DiskSpaceGuard guard = new DiskSpaceGuard(() -> {
        reads.incrementAndGet();
        return free.get();
    }, 500, clock);

    @Test
    void refusesBelowTheFloorAndAcceptsAgainAboveIt() {
        assertThat(guard.hasRoom()).isTrue();

        free.set(499);
        now = now.plus(Duration.ofSeconds(1));
        assertThat(guard.hasRoom()).isFalse();

        free.set(500);
        now = now.plus(Duration.ofSeconds(1));
        assertThat(guard.hasRoom()).as("exactly the floor is enough").isTrue();
    }

    @Test
    void readsTheFileSystemAtMostOnceASecond() {
        guard.hasRoom();
        free.set(0);
        for (int i = 0; i < 100; i++) {
            assertThat(guard.hasRoom()).as("the last reading stands within the second").isTrue();
        }
        now = now.plus(Duration.ofMillis(999));
        guard.hasRoom();
        assertThat(reads).hasValue(1);

        now = now.plus(Duration.ofMillis(1));
        assertThat(guard.hasRoom()).isFalse();
        assertThat(reads).hasValue(2);
    }

    @Test
    void guardsARealDirectory(@TempDir Path dir) {
        assertThat(DiskSpaceGuard.of(dir, 0, clock).hasRoom()).isTrue();
        assertThat(DiskSpaceGuard.of(dir, Long.MAX_VALUE, clock).hasRoom()).isFalse();
    }
}
