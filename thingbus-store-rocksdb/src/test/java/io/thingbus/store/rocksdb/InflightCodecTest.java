package io.thingbus.store.rocksdb;

import static io.thingbus.store.rocksdb.CodecTestSupport.hex;
import static io.thingbus.store.rocksdb.CodecTestSupport.withVersion;
import static io.thingbus.storage.StoreSamples.assertSameContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.messaging.Qos;
import io.thingbus.storage.InflightMessage;
import io.thingbus.storage.QueuedMessage;
import org.junit.jupiter.api.Test;

class InflightCodecTest {

    private static final QueuedMessage QUEUED = new QueuedMessage(5, Qos.EXACTLY_ONCE, true, new int[] {1, 300});

    @Test
    void roundTripsOutboundExchanges() {
        for (boolean released : new boolean[] {false, true}) {
            InflightMessage message = new InflightMessage(65_535, QUEUED, released);
            assertSameContent(InflightCodec.decodeOutbound(65_535, InflightCodec.encodeOutbound(message)), message);
        }
    }

    @Test
    void writesVersionOneByteForByte() {
        // version, flags (released), then the queued message with its own version
        assertThat(hex(InflightCodec.encodeOutbound(new InflightMessage(7, QUEUED, true))))
                .isEqualTo("01 01 01 06 05 02 01 AC 02");
        assertThat(hex(InflightCodec.encodeInbound())).isEqualTo("01");
    }

    @Test
    void refusesAnUnknownVersionWithAClearMessage() {
        byte[] outbound = withVersion(InflightCodec.encodeOutbound(new InflightMessage(7, QUEUED, false)), 3);
        byte[] inbound = withVersion(InflightCodec.encodeInbound(), 3);
        byte[] nestedQueued = InflightCodec.encodeOutbound(new InflightMessage(7, QUEUED, false));
        nestedQueued[2] = 9;

        assertThatThrownBy(() -> InflightCodec.decodeOutbound(7, outbound))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("outbound in-flight value has codec version 3 but this build reads only version 1");
        assertThatThrownBy(() -> InflightCodec.decodeInbound(inbound))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("inbound in-flight value has codec version 3");
        assertThatThrownBy(() -> InflightCodec.decodeOutbound(7, nestedQueued))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("queued message value has codec version 9");
    }

    @Test
    void refusesUnknownFlagsAndTrailingBytes() {
        byte[] flags = InflightCodec.encodeOutbound(new InflightMessage(7, QUEUED, false));
        flags[1] = 2;

        assertThatThrownBy(() -> InflightCodec.decodeOutbound(7, flags)).isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("unknown flags");
        assertThatThrownBy(() -> InflightCodec.decodeInbound(new byte[] {1, 0})).isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("unread bytes");
        assertThatThrownBy(() -> InflightCodec.decodeInbound(new byte[0])).isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("cut short");
    }
}
