package io.thingbus.mqtt.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.InMemoryRetainedMessageStore;
import io.thingbus.messaging.Message;
import io.thingbus.messaging.Qos;
import io.thingbus.mqtt.testing.ManualTimer;
import io.thingbus.mqtt.testing.Messages;
import io.thingbus.mqtt.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetainedExpirySweepTest {

    private final MutableClock clock = new MutableClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final InMemoryRetainedMessageStore retained = new InMemoryRetainedMessageStore();
    private final RetainedExpirySweep sweep = new RetainedExpirySweep(retained, timer, clock);

    private Message expiringIn(String topic, Duration lifetime) {
        long now = clock.millis();
        return Messages.expiring(topic, Qos.AT_LEAST_ONCE, now, now + lifetime.toMillis());
    }

    @Test
    void removesOnlyExpiredRetainedMessagesEveryMinute() {
        retained.put(expiringIn("short", Duration.ofSeconds(30)));
        retained.put(expiringIn("$SYS/short", Duration.ofSeconds(30)));
        retained.put(expiringIn("long", Duration.ofMinutes(5)));
        retained.put(Messages.message("forever", "x", Qos.AT_LEAST_ONCE));
        sweep.start();

        timer.advance(Duration.ofSeconds(59));
        assertThat(retained.size()).as("nothing swept before the first minute").isEqualTo(4);

        timer.advance(Duration.ofSeconds(1));
        assertThat(retained.get("short")).isEmpty();
        assertThat(retained.get("$SYS/short")).isEmpty();
        assertThat(retained.get("long")).isPresent();
        assertThat(retained.get("forever")).isPresent();

        timer.advance(Duration.ofMinutes(5));
        assertThat(retained.get("long")).as("swept again every minute").isEmpty();
        assertThat(retained.size()).isEqualTo(1);
    }
}
