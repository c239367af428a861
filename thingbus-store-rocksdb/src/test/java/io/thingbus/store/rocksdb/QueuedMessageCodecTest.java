package io.thingbus.store.rocksdb;

import static io.thingbus.store.rocksdb.CodecTestSupport.hex;
import static io.thingbus.store.rocksdb.CodecTestSupport.withVersion;
import static io.thingbus.storage.StoreSamples.assertSameContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.messaging.Qos;
import io.thingbus.storage.QueuedMessage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueuedMessageCodecTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 127, 128, 1L << 35, Long.MAX_VALUE, -1, Long.MIN_VALUE})
    void roundTripsAnyMessageId(long messageId) {
        QueuedMessage message = new QueuedMessage(messageId, Qos.EXACTLY_ONCE, true,
                new int[] {0, 1, 268_435_455, Integer.MAX_VALUE, -1});
        assertSameContent(QueuedMessageCodec.decode(QueuedMessageCodec.encode(message)), message);
    }

    @Test
    void writesVersionOneByteForByte() {
        QueuedMessage message = new QueuedMessage(5, Qos.EXACTLY_ONCE, true, new int[] {1, 300});
        // version, flags (QoS 2, retain), message id 5, two subscription ids: 1 and 300
        assertThat(hex(QueuedMessageCodec.encode(message))).isEqualTo("01 06 05 02 01 AC 02");
    }

    @Test
    void refusesAnUnknownVersionWithAClearMessage() {
        byte[] value = withVersion(QueuedMessageCodec.encode(new QueuedMessage(1, Qos.AT_MOST_ONCE, false, new int[0])), 7);

        assertThatThrownBy(() -> QueuedMessageCodec.decode(value))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("queued message value has codec version 7 but this build reads only version 1");
    }

    @Test
    void refusesAValueCutShortOrWithTrailingBytes() {
        byte[] value = QueuedMessageCodec.encode(new QueuedMessage(300, Qos.AT_LEAST_ONCE, false, new int[] {400}));
        for (int length = 0; length < value.length; length++) {
            byte[] cut = Arrays.copyOf(value, length);
            assertThatThrownBy(() -> QueuedMessageCodec.decode(cut)).isInstanceOf(StoreFormatException.class);
        }
        assertThatThrownBy(() -> QueuedMessageCodec.decode(Arrays.copyOf(value, value.length + 1)))
                .isInstanceOf(StoreFormatException.class).hasMessageContaining("unread bytes");
    }
}
