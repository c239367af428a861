package io.thingbus.mqtt.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.Timeout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualTimerTest {

    private final MutableClock clock = new MutableClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final List<String> fired = new ArrayList<>();

    @Test
    void firesDueTimeoutsInDeadlineOrderThenSchedulingOrder() {
        timer.newTimeout(t -> fired.add("c@3s"), 3, TimeUnit.SECONDS);
        timer.newTimeout(t -> fired.add("a@1s"), 1, TimeUnit.SECONDS);
        timer.newTimeout(t -> fired.add("b@1s"), 1000, TimeUnit.MILLISECONDS);
        timer.newTimeout(t -> fired.add("d@5s"), 5, TimeUnit.SECONDS);

        timer.advance(Duration.ofMillis(999));
        assertThat(fired).isEmpty();

        timer.advance(Duration.ofSeconds(3));

        assertThat(fired).containsExactly("a@1s", "b@1s", "c@3s");
        assertThat(timer.pendingDelays()).containsExactly(Duration.ofMillis(1001));
    }

    @Test
    void movesTheClockToEachDeadlineBeforeRunningItsTask() {
        List<Long> seen = new ArrayList<>();
        timer.newTimeout(t -> seen.add(clock.millis()), 2, TimeUnit.SECONDS);

        timer.advance(Duration.ofSeconds(10));

        long start = MutableClock.START.toEpochMilli();
        assertThat(seen).containsExactly(start + 2_000);
        assertThat(clock.millis()).isEqualTo(start + 10_000);
    }

    @Test
    void firesTimeoutsScheduledByATaskWithinTheSameAdvance() {
        timer.newTimeout(t -> {
            fired.add("first");
            timer.newTimeout(t2 -> fired.add("second"), 1, TimeUnit.SECONDS);
        }, 1, TimeUnit.SECONDS);

        timer.advance(Duration.ofSeconds(2));

        assertThat(fired).containsExactly("first", "second");
    }

    @Test
    void cancelledTimeoutsNeverFire() {
        Timeout timeout = timer.newTimeout(t -> fired.add("cancelled"), 1, TimeUnit.SECONDS);

        assertThat(timeout.cancel()).isTrue();
        timer.advance(Duration.ofSeconds(5));

        assertThat(fired).isEmpty();
        assertThat(timeout.isCancelled()).isTrue();
        assertThat(timeout.cancel()).isFalse();
        assertThat(timer.pendingCount()).isZero();
    }

    @Test
    void aFiredTimeoutIsExpiredAndCannotBeCancelled() {
        Timeout timeout = timer.newTimeout(t -> fired.add("x"), 1, TimeUnit.SECONDS);

        timer.advance(Duration.ofSeconds(1));

        assertThat(timeout.isExpired()).isTrue();
        assertThat(timeout.cancel()).isFalse();
    }

    @Test
    void stopReturnsUnfiredTimeoutsAndRefusesNewOnes() {
        Timeout pending = timer.newTimeout(t -> fired.add("x"), 1, TimeUnit.SECONDS);

        assertThat(timer.stop()).containsExactly(pending);
        assertThatThrownBy(() -> timer.newTimeout(t -> { }, 1, TimeUnit.SECONDS))
                .isInstanceOf(IllegalStateException.class);
    }
}
