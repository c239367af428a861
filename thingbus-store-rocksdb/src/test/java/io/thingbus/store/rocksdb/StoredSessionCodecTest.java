package io.thingbus.store.rocksdb;

import static io.thingbus.store.rocksdb.CodecTestSupport.hex;
import static io.thingbus.store.rocksdb.CodecTestSupport.withVersion;
import static io.thingbus.storage.StoreSamples.assertSameContent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.messaging.Qos;
import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.storage.StoreSamples;
import io.thingbus.storage.StoredSession;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredSessionCodecTest {

    @Test
    void roundTripsAFullSession() {
        StoredSession full = StoreSamples.fullSession("client-ü");
        assertSameContent(StoredSessionCodec.decode("client-ü", StoredSessionCodec.encode(full)), full);
    }

    @Test
    void roundTripsABareSession() {
        StoredSession bare = StoreSamples.bareSession("c");
        assertSameContent(StoredSessionCodec.decode("c", StoredSessionCodec.encode(bare)), bare);
    }

    @Test
    void writesVersionOneByteForByte() {
        StoredSession session = new StoredSession("c", 60, -1,
                List.of(Subscription.basic(TopicFilter.parse("a/+"), Qos.AT_LEAST_ONCE)), null);
        assertThat(hex(StoredSessionCodec.encode(session))).isEqualTo(
                "01" // version
                        + " 78 01" // expiry 60 (zigzag 120), disconnected -1 (zigzag 1)
                        + " 01 01 03 61 2F 2B 00" // one subscription: QoS 1, filter "a/+", no id
                        + " 00"); // no will
    }

    @Test
    void refusesAnUnknownVersionWithAClearMessage() {
        byte[] value = withVersion(StoredSessionCodec.encode(StoreSamples.bareSession("c")), 200);

        assertThatThrownBy(() -> StoredSessionCodec.decode("c", value))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("session value has codec version 200 but this build reads only version 1");
    }

    @Test
    void refusesAWillMessageOfAnUnknownVersion() {
        StoredSession session = StoreSamples.fullSession("c");
        byte[] value = StoredSessionCodec.encode(session);
        byte[] will = MessageCodec.encode(session.will().message());
        int willStart = value.length - will.length;
        value[willStart] = 5;

        assertThatThrownBy(() -> StoredSessionCodec.decode("c", value))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("message value has codec version 5");
    }

    @Test
    void refusesAValueCutShortOrCorrupt() {
        byte[] value = StoredSessionCodec.encode(StoreSamples.fullSession("c"));
        for (int length = 0; length < value.length; length += 7) {
            byte[] cut = Arrays.copyOf(value, length);
            assertThatThrownBy(() -> StoredSessionCodec.decode("c", cut)).as("cut to %d bytes", length)
                    .isInstanceOf(StoreFormatException.class);
        }
        byte[] badWillMarker = StoredSessionCodec.encode(StoreSamples.bareSession("c"));
        badWillMarker[badWillMarker.length - 1] = 2;
        assertThatThrownBy(() -> StoredSessionCodec.decode("c", badWillMarker))
                .isInstanceOf(StoreFormatException.class).hasMessageContaining("will marker");

        byte[] badFilter = StoredSessionCodec.encode(new StoredSession("c", 60, -1,
                List.of(Subscription.basic(TopicFilter.parse("a/+"), Qos.AT_LEAST_ONCE)), null));
        badFilter[7] = '#'; // the filter "a/+" becomes "a#+", which is not a valid filter
        assertThatThrownBy(() -> StoredSessionCodec.decode("c", badFilter))
                .isInstanceOf(StoreFormatException.class).hasMessageContaining("invalid topic filter");
    }
}
