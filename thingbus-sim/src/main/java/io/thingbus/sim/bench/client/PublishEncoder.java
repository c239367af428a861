package io.thingbus.sim.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.sim.bench.load.LatencyPayload;
import java.nio.charset.StandardCharsets;

/**
 * Writes a bench PUBLISH straight into one pooled buffer (fixed header, topic, packet id, an empty
 * MQTT 5 property list, stamped payload) instead of building an {@code MqttPublishMessage} and a
 * payload buffer per message for {@code MqttEncoder} to copy. The layout is fixed per publisher,
 * so the sizes are computed once.
 */
public final class PublishEncoder {

    private static final int PUBLISH = 0x30;
    private static final int MAX_REMAINING_LENGTH = 268_435_455;

    private final byte[] topic;
    private final MqttQoS qos;
    private final boolean mqtt5;
    private final int payloadSize;
    private final int remainingLength;
    private final int packetSize;

    public PublishEncoder(String topic, MqttQoS qos, MqttVersion version, int payloadSize) {
        if (qos == MqttQoS.FAILURE) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2");
        }
        this.topic = topic.getBytes(StandardCharsets.UTF_8);
        if (this.topic.length == 0 || this.topic.length > 65_535) {
            throw new IllegalArgumentException("topic must be 1 to 65535 bytes of UTF-8");
        }
        this.qos = qos;
        this.mqtt5 = version == MqttVersion.MQTT_5;
        this.payloadSize = payloadSize;
        long length = 2L + this.topic.length + (qos == MqttQoS.AT_MOST_ONCE ? 0 : 2) + (mqtt5 ? 1 : 0) + payloadSize;
        if (payloadSize < LatencyPayload.MIN_SIZE || length > MAX_REMAINING_LENGTH) {
            throw new IllegalArgumentException("payload size " + payloadSize + " does not fit a PUBLISH");
        }
        this.remainingLength = (int) length;
        this.packetSize = 1 + variableByteIntegerSize(remainingLength) + remainingLength;
    }

    /** The QoS every packet of this encoder carries. */
    public MqttQoS qos() {
        return qos;
    }

    /**
     * One PUBLISH packet; the caller owns the returned buffer.
     *
     * @param packetId ignored for QoS 0
     */
    public ByteBuf encode(ByteBufAllocator allocator, int packetId, long intendedNanos, long sequence) {
        ByteBuf out = allocator.ioBuffer(packetSize, packetSize);
        out.writeByte(PUBLISH | qos.value() << 1);
        writeVariableByteInteger(out, remainingLength);
        out.writeShort(topic.length);
        out.writeBytes(topic);
        if (qos != MqttQoS.AT_MOST_ONCE) {
            out.writeShort(packetId);
        }
        if (mqtt5) {
            out.writeByte(0); // property length: no properties
        }
        LatencyPayload.write(out, intendedNanos, sequence, payloadSize);
        return out;
    }

    private static int variableByteIntegerSize(int value) {
        int size = 1;
        for (int rest = value >>> 7; rest > 0; rest >>>= 7) {
            size++;
        }
        return size;
    }

    private static void writeVariableByteInteger(ByteBuf out, int value) {
        int rest = value;
        do {
            int digit = rest & 0x7F;
            rest >>>= 7;
            out.writeByte(rest > 0 ? digit | 0x80 : digit);
        } while (rest > 0);
    }
}
