package io.thingbus.mqtt.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.messaging.Qos;
import io.thingbus.mqtt.testing.Messages;
import org.junit.jupiter.api.Test;

class InflightWindowTest {

    private final InflightWindow window = new InflightWindow();
    private final OutboundPublish publish = OutboundPublish.of(Messages.message("t", "p", Qos.AT_LEAST_ONCE),
            Qos.AT_LEAST_ONCE, false);

    @Test
    void packetIdsWrapAfter65535AndSkipThoseInUse() {
        for (int i = 1; i <= 65_535; i++) {
            assertThat(window.add(publish).packetId).isEqualTo(i);
        }
        assertThatThrownBy(() -> window.add(publish)).isInstanceOf(IllegalStateException.class);

        window.remove(3);
        window.remove(65_535);
        assertThat(window.add(publish).packetId).as("after 65535 comes 1, then the first free id").isEqualTo(3);
        assertThat(window.add(publish).packetId).isEqualTo(65_535);
        assertThat(window.size()).isEqualTo(65_535);
    }

    @Test
    void keepsSendOrder() {
        window.add(publish);
        window.add(publish);
        window.add(publish);
        window.remove(2);

        assertThat(window.inSendOrder()).extracting(entry -> entry.packetId).containsExactly(1, 3);
    }
}
