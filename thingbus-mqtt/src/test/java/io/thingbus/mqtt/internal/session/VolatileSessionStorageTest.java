package io.thingbus.mqtt.internal.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.Qos;
import io.thingbus.mqtt.testing.Messages;
import org.junit.jupiter.api.Test;

class VolatileSessionStorageTest {

    private static OutboundPublish publish(String payload) {
        return OutboundPublish.of(Messages.message("t", payload, Qos.AT_LEAST_ONCE), Qos.AT_LEAST_ONCE, false);
    }

    @Test
    void refusesPastEitherLimitAndFreesRoomAsMessagesLeave() {
        VolatileSessionStorage storage = new VolatileSessionStorage(3, 10);

        assertThat(storage.offer(publish("12345678"))).isTrue();
        assertThat(storage.offer(publish("123"))).as("11 bytes").isFalse();
        assertThat(storage.offer(publish("1"))).isTrue();
        assertThat(storage.offer(publish("1"))).as("exactly 10 bytes").isTrue();
        assertThat(storage.offer(publish(""))).as("a fourth message").isFalse();

        assertThat(new String(storage.poll().message().payload())).isEqualTo("12345678");
        assertThat(storage.offer(publish("1234567"))).as("room again for 7 bytes").isTrue();
        assertThat(storage.queued()).isEqualTo(3);
    }
}
