package io.thingbus.store.rocksdb;

import static io.thingbus.store.rocksdb.CodecTestSupport.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key layouts: what sorts how, and where one client's range ends. */
class KeysTest {

    @Test
    void queueKeysSortBySignedSequence() {
        long[] seqs = {Long.MIN_VALUE, -256, -1, 0, 1, 255, 256, 1L << 40, Long.MAX_VALUE};
        List<byte[]> keys = new ArrayList<>();
        for (long seq : seqs) {
            byte[] key = RocksDbQueueStore.key("c", seq);
            assertThat(RocksDbQueueStore.seqOf(key)).isEqualTo(seq);
            keys.add(key);
        }
        assertThat(keys).isSortedAccordingTo(Overlay.KEY_ORDER);
        assertThat(hex(RocksDbQueueStore.key("c", 1))).isEqualTo("00 01 63 80 00 00 00 00 00 00 01");
    }

    @Test
    void inflightKeysCarryDirectionThenPacketId() {
        assertThat(hex(RocksDbInflightStore.key("ab", RocksDbInflightStore.OUTBOUND, 258))).isEqualTo("00 02 61 62 01 01 02");
        assertThat(hex(RocksDbInflightStore.key("ab", RocksDbInflightStore.INBOUND, 65_535))).isEqualTo("00 02 61 62 02 FF FF");
        assertThatThrownBy(() -> RocksDbInflightStore.key("ab", RocksDbInflightStore.INBOUND, 65_536))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messageKeysAreTheIdBigEndian() {
        assertThat(hex(RocksDbMessageStore.key(258))).isEqualTo("00 00 00 00 00 00 01 02");
    }

    @Test
    void aClientRangeHoldsOnlyThatClient() {
        byte[] prefix = ClientKeys.key("a", 0);
        byte[] end = ClientKeys.end(prefix);

        assertThat(hex(end)).isEqualTo("00 01 62");
        for (String other : List.of("ab", "a\u0000", "", "b", "aa")) {
            byte[] key = RocksDbQueueStore.key(other, 0);
            boolean inside = Overlay.KEY_ORDER.compare(key, prefix) >= 0 && Overlay.KEY_ORDER.compare(key, end) < 0;
            assertThat(inside).as("'%s' inside the range of 'a'", other).isFalse();
        }
        assertThat(Overlay.KEY_ORDER.compare(RocksDbQueueStore.key("a", Long.MAX_VALUE), end)).isNegative();
    }

    @Test
    void theEndOfAPrefixCarriesOverFfBytes() {
        assertThat(hex(ClientKeys.end(new byte[] {1, (byte) 0xFF, (byte) 0xFF}))).isEqualTo("02");
        assertThatThrownBy(() -> ClientKeys.end(new byte[] {(byte) 0xFF})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAClientIdLongerThanTwoLengthBytesCanSay() {
        assertThat(ClientKeys.clientId(ClientKeys.key("x".repeat(65_535), 8))).hasSize(65_535);
        assertThatThrownBy(() -> ClientKeys.key("x".repeat(65_536), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65,535 bytes");
    }

    @Test
    void variableLengthIntegersRoundTrip() {
        long[] values = {0, 1, 63, 64, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        ValueWriter out = new ValueWriter(0);
        for (long value : values) {
            out.writeVarLong(value).writeSignedVarLong(value).writeLong(value);
        }
        ValueReader in = new ValueReader(out.toByteArray(), "test value");
        for (long value : values) {
            assertThat(in.readVarLong()).isEqualTo(value);
            assertThat(in.readSignedVarLong()).isEqualTo(value);
            assertThat(in.readLong()).isEqualTo(value);
        }
        in.expectEnd();
        assertThat(hex(new ValueWriter(0).writeVarLong(300).writeSignedVarLong(-1).writeVarInt(-1).toByteArray()))
                .isEqualTo("AC 02 01 FF FF FF FF 0F");
    }
}
