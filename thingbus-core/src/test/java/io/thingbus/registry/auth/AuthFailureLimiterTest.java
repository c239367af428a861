package io.thingbus.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.testing.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {

    private final ManualClock clock = new ManualClock();
    private final AuthFailureLimiter limiter = new AuthFailureLimiter(new FailureLimits(3, Duration.ofMinutes(1), 100), clock);

    @Test
    void blocksAnAddressAfterTheLimitUntilTheWindowPasses() {
        for (int i = 0; i < 2; i++) {
            limiter.recordFailure("10.0.0.1", "dev-" + i);
        }
        assertThat(limiter.isBlocked("10.0.0.1", "other")).isFalse();

        limiter.recordFailure("10.0.0.1", "dev-2");
        assertThat(limiter.isBlocked("10.0.0.1", "other")).isTrue();
        assertThat(limiter.isBlocked("10.0.0.2", "other")).as("another address").isFalse();

        clock.advance(Duration.ofSeconds(59));
        assertThat(limiter.isBlocked("10.0.0.1", "other")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.isBlocked("10.0.0.1", "other")).isFalse();
    }

    @Test
    void blocksAClaimedIdTriedFromManyAddresses() {
        for (int i = 0; i < 3; i++) {
            limiter.recordFailure("10.0.0." + i, "dev-1");
        }

        assertThat(limiter.isBlocked("10.0.0.9", "dev-1")).isTrue();
        assertThat(limiter.isBlocked("10.0.0.9", "dev-2")).isFalse();
    }

    @Test
    void failuresSpreadOverMoreThanAWindowDoNotAddUp() {
        limiter.recordFailure("10.0.0.1", null);
        limiter.recordFailure("10.0.0.1", null);
        clock.advance(Duration.ofMinutes(1));
        limiter.recordFailure("10.0.0.1", null);
        limiter.recordFailure("10.0.0.1", null);

        assertThat(limiter.isBlocked("10.0.0.1", null)).isFalse();
    }

    @Test
    void forgetsTheLeastRecentlyTouchedKeyBeyondTheCap() {
        AuthFailureLimiter small = new AuthFailureLimiter(new FailureLimits(1, Duration.ofMinutes(1), 4), clock);
        small.recordFailure("attacker", null);
        small.recordFailure("a", null);
        small.recordFailure("b", null);
        assertThat(small.isBlocked("attacker", null)).isTrue();

        small.recordFailure("c", null);
        small.recordFailure("d", null);

        assertThat(small.trackedKeys()).isEqualTo(4);
        assertThat(small.isBlocked("attacker", null)).as("touched recently, so kept").isTrue();
        assertThat(small.isBlocked("a", null)).as("least recently touched, forgotten").isFalse();
    }

    @Test
    void zeroFailuresTurnsItOff() {
        AuthFailureLimiter off = new AuthFailureLimiter(new FailureLimits(0, Duration.ofMinutes(1), 4), clock);
        for (int i = 0; i < 10; i++) {
            off.recordFailure("10.0.0.1", "dev");
        }

        assertThat(off.isBlocked("10.0.0.1", "dev")).isFalse();
        assertThat(off.trackedKeys()).isZero();
    }

    @Test
    void refusesNonsenseLimits() {
        assertThatThrownBy(() -> new FailureLimits(-1, Duration.ofMinutes(1), 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailureLimits(5, Duration.ZERO, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailureLimits(5, Duration.ofMinutes(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
