package io.thingbus.store.rocksdb;

import static io.thingbus.store.rocksdb.CodecTestSupport.hex;
import static io.thingbus.store.rocksdb.CodecTestSupport.withVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.messaging.UserProperty;
import io.thingbus.telemetry.TelemetryRecord;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value formats of the telemetry log, the event store and the consumer offsets, byte for byte. */
class TelemetryCodecsTest {

    private static final List<UserProperty> PROPERTIES = List.of(new UserProperty("k", "v"), new UserProperty("k", "ü"));

    @Test
    void writesTheLogValueVersionOneByteForByte() {
        byte[] value = TelemetryRecordCodec.encodeUnstamped("d1", PROPERTIES, "a/b", new byte[] {(byte) 0xCA, (byte) 0xFE});
        TelemetryRecordCodec.stamp(value, 0x0102030405060708L, 300);

        // version, enqueued time, partition bytes (300), device "d1", 2 properties k=v k=ü,
        // flags (content type follows), "a/b", payload CA FE
        assertThat(hex(value)).isEqualTo("01 01 02 03 04 05 06 07 08 00 00 00 00 00 00 01 2C 02 64 31 02 01 6B 01 76"
                + " 01 6B 02 C3 BC 01 03 61 2F 62 CA FE");
        assertThat(TelemetryRecordCodec.enqueuedTime(value)).isEqualTo(0x0102030405060708L);
        assertThat(TelemetryRecordCodec.partitionBytes(value)).isEqualTo(300);
    }

    @Test
    void roundTripsALogRecord() {
        byte[] value = TelemetryRecordCodec.encodeUnstamped("device-ü", PROPERTIES, null, new byte[0]);
        TelemetryRecordCodec.stamp(value, 1_767_225_600_000L, 42);

        TelemetryRecord record = TelemetryRecordCodec.decode(65_535, Long.MAX_VALUE, value);

        assertThat(record.position().toString()).isEqualTo("65535:" + Long.MAX_VALUE);
        assertThat(record.enqueuedTime()).isEqualTo(1_767_225_600_000L);
        assertThat(record.deviceId()).isEqualTo("device-ü");
        assertThat(record.properties()).isEqualTo(PROPERTIES);
        assertThat(record.contentType()).isNull();
        assertThat(record.payload()).isEmpty();
    }

    @Test
    void writesTheEventValueVersionOneByteForByteAndReadsItBack() {
        TelemetryRecord record = new TelemetryRecord(3, 9, 1_000, "d", List.of(new UserProperty("a", "b")), null,
                new byte[] {7});

        byte[] value = EventCodec.encode(record);

        // version, 1 property a=b, flags (no content type), payload 07
        assertThat(hex(value)).isEqualTo("01 01 01 61 01 62 00 07");
        TelemetryRecord decoded = EventCodec.decode("d", 1_000, 3, 9, value);
        assertThat(decoded.properties()).isEqualTo(record.properties());
        assertThat(decoded.payload()).containsExactly(7);
        assertThat(decoded.position()).isEqualTo(record.position());
    }

    @Test
    void writesTheConsumerOffsetVersionOneByteForByte() {
        assertThat(hex(ConsumerOffsetCodec.encode(300))).isEqualTo("01 AC 02");
        assertThat(ConsumerOffsetCodec.decode(ConsumerOffsetCodec.encode(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesUnknownVersionsAndValuesCutShort() {
        byte[] log = TelemetryRecordCodec.encodeUnstamped("d", PROPERTIES, "t", new byte[] {1});
        assertThatThrownBy(() -> TelemetryRecordCodec.decode(0, 0, withVersion(log, 2)))
                .isInstanceOf(StoreFormatException.class)
                .hasMessageContaining("telemetry record value has codec version 2");
        assertThatThrownBy(() -> EventCodec.decode("d", 0, 0, 0, withVersion(new byte[] {1, 0, 0}, 9)))
                .isInstanceOf(StoreFormatException.class).hasMessageContaining("event value has codec version 9");
        for (int length = 0; length < TelemetryRecordCodec.HEADER_LENGTH + 4; length++) {
            byte[] cut = Arrays.copyOf(log, length);
            assertThatThrownBy(() -> TelemetryRecordCodec.decode(0, 0, cut)).isInstanceOf(StoreFormatException.class);
        }
        assertThatThrownBy(() -> TelemetryRecordCodec.enqueuedTime(Arrays.copyOf(log, 12)))
                .isInstanceOf(StoreFormatException.class);
        assertThatThrownBy(() -> ConsumerOffsetCodec.decode(new byte[] {1, (byte) 0x80}))
                .isInstanceOf(StoreFormatException.class);
    }
}
