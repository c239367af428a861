package io.thingbus.sim.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class LatencyPayloadTest {

    @Test
    void stampsSendTimeAndSequenceThenPadsToSize() {
        ByteBuf payload = Unpooled.buffer();
        try {
            LatencyPayload.write(payload, -123_456_789L, 42, 100);

            assertThat(payload.readableBytes()).isEqualTo(100);
            assertThat(LatencyPayload.isStamped(payload)).isTrue();
            assertThat(LatencyPayload.intendedNanos(payload)).isEqualTo(-123_456_789L);
            assertThat(LatencyPayload.sequence(payload)).isEqualTo(42);
            assertThat(payload.getLong(0)).as("big-endian at offset 0").isEqualTo(-123_456_789L);
            assertThat(payload.slice(16, 84).forEachByte(b -> b == 0)).as("zero padding").isEqualTo(-1);
        } finally {
            payload.release();
        }
    }

    @Test
    void readsWithoutMovingTheReaderIndex() {
        ByteBuf payload = Unpooled.buffer();
        try {
            payload.writeByte(7); // something before the payload, as in a decoded packet
            payload.readByte();
            LatencyPayload.write(payload, 5, 6, LatencyPayload.MIN_SIZE);

            assertThat(LatencyPayload.intendedNanos(payload)).isEqualTo(5);
            assertThat(LatencyPayload.sequence(payload)).isEqualTo(6);
            assertThat(payload.readerIndex()).isEqualTo(1);
        } finally {
            payload.release();
        }
    }

    @Test
    void aShortPayloadCarriesNoStamp() {
        ByteBuf shortPayload = Unpooled.wrappedBuffer(new byte[15]);
        try {
            assertThat(LatencyPayload.isStamped(shortPayload)).isFalse();
        } finally {
            shortPayload.release();
        }
    }

    @Test
    void refusesSizesBelowTheStamp() {
        ByteBuf payload = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> LatencyPayload.write(payload, 1, 1, 15))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            payload.release();
        }
    }
}
