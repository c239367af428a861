package io.thingbus.store.rocksdb;

import static io.thingbus.store.rocksdb.CodecTestSupport.bytes;
import static io.thingbus.store.rocksdb.CodecTestSupport.hex;
import static io.thingbus.store.rocksdb.CodecTestSupport.withVersion;
import static io.thingbus.storage.StoreSamples.assertSameContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.UserProperty;
import io.thingbus.storage.StoreSamples;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    @Test
    void roundTripsAFullMessage() {
        Message full = StoreSamples.fullMessage("a/b");
        assertSameContent(MessageCodec.decode(MessageCodec.encode(full)), full);
    }

    @Test
    void roundTripsAMinimalMessage() {
        Message minimal = StoreSamples.minimalMessage("t");
        assertSameContent(MessageCodec.decode(MessageCodec.encode(minimal)), minimal);
    }

    @Test
    void roundTripsALargeMessage() {
        Message large = StoreSamples.largeMessage("large", 3 * 1024 * 1024 + 17);
        assertSameContent(MessageCodec.decode(MessageCodec.encode(large)), large);
    }

    @Test
    void writesVersionOneByteForByte() {
        assertThat(hex(MessageCodec.encode(StoreSamples.minimalMessage("t"))))
                .isEqualTo("01 00 01 74 00 00"); // version, flags, topic "t", created 0, empty payload

        Message message = new Message("a/b", new byte[] {1, 2}, Qos.AT_LEAST_ONCE, true,
                new MessageProperties(1, null, null, null, List.of(new UserProperty("k", "v"))), "p", 1000, 2000);
        assertThat(hex(MessageCodec.encode(message))).isEqualTo(
                "01 3D" // version 1; flags QoS 1, retain, publisher, expires, properties
                        + " 03 61 2F 62" // topic "a/b"
                        + " 01 70" // publisher "p"
                        + " D0 0F" // created 1000 (zigzag 2000)
                        + " A0 1F" // expires 2000 (zigzag 4000)
                        + " 01 02" // properties: format indicator only, 1 (zigzag 2)
                        + " 01 01 6B 01 76" // one user property k=v
                        + " 02 01 02"); // payload
    }

    @Test
    void refusesAnUnknownVersionWithAClearMessage() {
        byte[] value = withVersion(MessageCodec.encode(StoreSamples.minimalMessage("t")), 2);

        assertThatThrownBy(() -> MessageCodec.decode(value))
                .isInstanceOf(StoreFormatException.class)
                .hasMessage("message value has codec version 2 but this build reads only version 1;"
                        + " it was written by a newer or incompatible Thingbus");
    }

    @Test
    void refusesAValueCutShort() {
        byte[] value = MessageCodec.encode(StoreSamples.fullMessage("a/b"));
        for (int length = 0; length < value.length; length++) {
            byte[] cut = Arrays.copyOf(value, length);
            assertThatThrownBy(() -> MessageCodec.decode(cut)).as("cut to %d bytes", length)
                    .isInstanceOf(StoreFormatException.class)
                    .hasMessageStartingWith("message value is");
        }
    }

    @Test
    void refusesTrailingBytesAndUnknownFlags() {
        byte[] value = MessageCodec.encode(StoreSamples.minimalMessage("t"));
        byte[] trailing = Arrays.copyOf(value, value.length + 1);
        byte[] unknownFlag = value.clone();
        unknownFlag[1] = (byte) 0x40;
        byte[] qosThree = value.clone();
        qosThree[1] = 3;

        assertThatThrownBy(() -> MessageCodec.decode(trailing)).isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("1 unread bytes at its end");
        assertThatThrownBy(() -> MessageCodec.decode(unknownFlag)).isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("unknown flags");
        assertThatThrownBy(() -> MessageCodec.decode(qosThree)).isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("unknown flags");
    }
}
