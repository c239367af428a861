package io.thingbus.mqtt.internal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.UserProperty;

/**
 * Encodes an outgoing PUBLISH straight from a routed {@link Message}, without building Netty's
 * MqttPublishMessage first: one exactly-sized pooled buffer per packet, payload copied once.
 * Knows both wire forms (3.1.1 and 5.0).
 */
public final class PublishEncoder {

    private static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    private static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    private static final int CONTENT_TYPE = 0x03;
    private static final int RESPONSE_TOPIC = 0x08;
    private static final int CORRELATION_DATA = 0x09;
    private static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    private static final int TOPIC_ALIAS = 0x23;
    private static final int USER_PROPERTY = 0x26;

    private PublishEncoder() {
    }

    /**
     * The size in bytes of the whole packet, to compare with the client's maximum packet size
     * before encoding.
     */
    public static int packetSize(PublishFrame frame) {
        int remaining = remainingLength(frame, frame.mqtt5() ? propertiesLength(frame) : 0);
        return 1 + varIntSize(remaining) + remaining;
    }

    /** Encodes the whole packet into a new buffer from {@code allocator}. */
    public static ByteBuf encode(ByteBufAllocator allocator, PublishFrame frame) {
        int properties = frame.mqtt5() ? propertiesLength(frame) : 0;
        int remaining = remainingLength(frame, properties);
        ByteBuf out = allocator.buffer(1 + varIntSize(remaining) + remaining);
        int flags = (frame.duplicate() ? 0x08 : 0) | (frame.qos() << 1) | (frame.retain() ? 0x01 : 0);
        out.writeByte(0x30 | flags);
        writeVarInt(out, remaining);
        writeString(out, frame.topic());
        if (frame.qos() > 0) {
            out.writeShort(frame.packetId());
        }
        if (frame.mqtt5()) {
            writeVarInt(out, properties);
            writeProperties(out, frame);
        }
        out.writeBytes(frame.message().payload());
        return out;
    }

    private static int remainingLength(PublishFrame frame, int propertiesLength) {
        int length = 2 + ByteBufUtil.utf8Bytes(frame.topic()) + frame.message().payload().length;
        if (frame.qos() > 0) {
            length += 2;
        }
        if (frame.mqtt5()) {
            length += varIntSize(propertiesLength) + propertiesLength;
        }
        return length;
    }

    private static int propertiesLength(PublishFrame frame) {
        MessageProperties p = frame.message().properties();
        int length = 0;
        if (p.payloadFormatIndicator() != null) {
            length += 2;
        }
        if (frame.expirySeconds() >= 0) {
            length += 5;
        }
        if (p.contentType() != null) {
            length += 3 + ByteBufUtil.utf8Bytes(p.contentType());
        }
        if (p.responseTopic() != null) {
            length += 3 + ByteBufUtil.utf8Bytes(p.responseTopic());
        }
        if (p.correlationData() != null) {
            length += 3 + p.correlationData().length;
        }
        for (int id : frame.subscriptionIds()) {
            length += 1 + varIntSize(id);
        }
        if (frame.topicAlias() > 0) {
            length += 3;
        }
        for (UserProperty user : p.userProperties()) {
            length += 5 + ByteBufUtil.utf8Bytes(user.name()) + ByteBufUtil.utf8Bytes(user.value());
        }
        return length;
    }

    private static void writeProperties(ByteBuf out, PublishFrame frame) {
        MessageProperties p = frame.message().properties();
        if (p.payloadFormatIndicator() != null) {
            out.writeByte(PAYLOAD_FORMAT_INDICATOR);
            out.writeByte(p.payloadFormatIndicator());
        }
        if (frame.expirySeconds() >= 0) {
            out.writeByte(MESSAGE_EXPIRY_INTERVAL);
            out.writeInt((int) frame.expirySeconds());
        }
        if (p.contentType() != null) {
            out.writeByte(CONTENT_TYPE);
            writeString(out, p.contentType());
        }
        if (p.responseTopic() != null) {
            out.writeByte(RESPONSE_TOPIC);
            writeString(out, p.responseTopic());
        }
        if (p.correlationData() != null) {
            out.writeByte(CORRELATION_DATA);
            out.writeShort(p.correlationData().length);
            out.writeBytes(p.correlationData());
        }
        for (int id : frame.subscriptionIds()) {
            out.writeByte(SUBSCRIPTION_IDENTIFIER);
            writeVarInt(out, id);
        }
        if (frame.topicAlias() > 0) {
            out.writeByte(TOPIC_ALIAS);
            out.writeShort(frame.topicAlias());
        }
        for (UserProperty user : p.userProperties()) {
            out.writeByte(USER_PROPERTY);
            writeString(out, user.name());
            writeString(out, user.value());
        }
    }

    private static void writeString(ByteBuf out, String value) {
        int lengthIndex = out.writerIndex();
        out.writeShort(0);
        int written = ByteBufUtil.writeUtf8(out, value);
        out.setShort(lengthIndex, written);
    }

    static int varIntSize(int value) {
        if (value < 128) {
            return 1;
        }
        if (value < 16_384) {
            return 2;
        }
        if (value < 2_097_152) {
            return 3;
        }
        return 4;
    }

    static void writeVarInt(ByteBuf out, int value) {
        int remaining = value;
        do {
            int digit = remaining % 128;
            remaining /= 128;
            if (remaining > 0) {
                digit |= 0x80;
            }
            out.writeByte(digit);
        } while (remaining > 0);
    }
}
