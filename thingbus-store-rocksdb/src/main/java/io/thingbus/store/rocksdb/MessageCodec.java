package io.thingbus.store.rocksdb;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.UserProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * The value format of a {@link Message}: the bodies in the {@code messages} column family, the values
 * of the {@code retained} column family, and the will inside a stored session.
 *
 * <p>Version 1, in order (see {@link ValueWriter} for the primitives):
 * <pre>
 * byte     version (1)
 * byte     flags: bits 0-1 QoS, bit 2 retain, bit 3 has publisher id, bit 4 expires,
 *          bit 5 has properties; other bits 0
 * string   topic
 * string   publisher id                     if bit 3
 * svarlong created at (ms)
 * svarlong expires at (ms)                  if bit 4 (absent: {@link Message#NEVER_EXPIRES})
 * properties                                if bit 5:
 *   byte     present: bit 0 payload format indicator, bit 1 content type, bit 2 response topic,
 *            bit 3 correlation data; other bits 0
 *   svarlong payload format indicator       if bit 0
 *   string   content type                   if bit 1
 *   string   response topic                 if bit 2
 *   bytes    correlation data               if bit 3
 *   varint   user property count, then each as string name, string value, in order
 * bytes    payload
 * </pre>
 * A value with another version, unknown flag bits or bytes left over is refused with a
 * {@link StoreFormatException}.
 */
final class MessageCodec {

    static final int VERSION = 1;

    private static final int QOS_MASK = 0b11;
    private static final int RETAIN = 1 << 2;
    private static final int HAS_PUBLISHER = 1 << 3;
    private static final int EXPIRES = 1 << 4;
    private static final int HAS_PROPERTIES = 1 << 5;
    private static final int KNOWN_FLAGS = QOS_MASK | RETAIN | HAS_PUBLISHER | EXPIRES | HAS_PROPERTIES;

    private static final int HAS_FORMAT_INDICATOR = 1;
    private static final int HAS_CONTENT_TYPE = 1 << 1;
    private static final int HAS_RESPONSE_TOPIC = 1 << 2;
    private static final int HAS_CORRELATION_DATA = 1 << 3;
    private static final int KNOWN_PROPERTIES = HAS_FORMAT_INDICATOR | HAS_CONTENT_TYPE | HAS_RESPONSE_TOPIC
            | HAS_CORRELATION_DATA;

    private static final String WHAT = "message value";

    private MessageCodec() {
    }

    static byte[] encode(Message message) {
        MessageProperties properties = message.properties();
        boolean expires = message.expiresAtMillis() != Message.NEVER_EXPIRES;
        int flags = message.qos().value()
                | (message.retain() ? RETAIN : 0)
                | (message.publisherId() != null ? HAS_PUBLISHER : 0)
                | (expires ? EXPIRES : 0)
                | (properties.isEmpty() ? 0 : HAS_PROPERTIES);
        ValueWriter out = new ValueWriter(32 + message.topic().length() + message.payload().length);
        out.writeByte(VERSION).writeByte(flags).writeString(message.topic());
        if (message.publisherId() != null) {
            out.writeString(message.publisherId());
        }
        out.writeSignedVarLong(message.createdAtMillis());
        if (expires) {
            out.writeSignedVarLong(message.expiresAtMillis());
        }
        if (!properties.isEmpty()) {
            writeProperties(out, properties);
        }
        return out.writeBytes(message.payload()).toByteArray();
    }

    static Message decode(byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, WHAT, VERSION);
        int flags = in.readUnsignedByte();
        if ((flags & ~KNOWN_FLAGS) != 0 || (flags & QOS_MASK) == 3) {
            throw in.corrupt("unknown flags " + Integer.toBinaryString(flags));
        }
        String topic = in.readString();
        String publisherId = (flags & HAS_PUBLISHER) != 0 ? in.readString() : null;
        long createdAt = in.readSignedVarLong();
        long expiresAt = (flags & EXPIRES) != 0 ? in.readSignedVarLong() : Message.NEVER_EXPIRES;
        MessageProperties properties = (flags & HAS_PROPERTIES) != 0 ? readProperties(in) : MessageProperties.NONE;
        byte[] payload = in.readBytes();
        in.expectEnd();
        return new Message(topic, payload, Qos.of(flags & QOS_MASK), (flags & RETAIN) != 0, properties, publisherId,
                createdAt, expiresAt);
    }

    private static void writeProperties(ValueWriter out, MessageProperties properties) {
        int present = (properties.payloadFormatIndicator() != null ? HAS_FORMAT_INDICATOR : 0)
                | (properties.contentType() != null ? HAS_CONTENT_TYPE : 0)
                | (properties.responseTopic() != null ? HAS_RESPONSE_TOPIC : 0)
                | (properties.correlationData() != null ? HAS_CORRELATION_DATA : 0);
        out.writeByte(present);
        if (properties.payloadFormatIndicator() != null) {
            out.writeSignedVarLong(properties.payloadFormatIndicator());
        }
        if (properties.contentType() != null) {
            out.writeString(properties.contentType());
        }
        if (properties.responseTopic() != null) {
            out.writeString(properties.responseTopic());
        }
        if (properties.correlationData() != null) {
            out.writeBytes(properties.correlationData());
        }
        out.writeVarInt(properties.userProperties().size());
        for (UserProperty property : properties.userProperties()) {
            out.writeString(property.name()).writeString(property.value());
        }
    }

    private static MessageProperties readProperties(ValueReader in) {
        int present = in.readUnsignedByte();
        if ((present & ~KNOWN_PROPERTIES) != 0) {
            throw in.corrupt("unknown properties " + Integer.toBinaryString(present));
        }
        Integer formatIndicator = null;
        if ((present & HAS_FORMAT_INDICATOR) != 0) {
            long raw = in.readSignedVarLong();
            if (raw != (int) raw) {
                throw in.corrupt("a payload format indicator of " + raw);
            }
            formatIndicator = (int) raw;
        }
        String contentType = (present & HAS_CONTENT_TYPE) != 0 ? in.readString() : null;
        String responseTopic = (present & HAS_RESPONSE_TOPIC) != 0 ? in.readString() : null;
        byte[] correlationData = (present & HAS_CORRELATION_DATA) != 0 ? in.readBytes() : null;
        int count = in.readVarInt();
        if (count < 0 || count > in.remaining() / 2) {
            throw in.corrupt("a user property count of " + Integer.toUnsignedString(count));
        }
        List<UserProperty> userProperties = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            userProperties.add(new UserProperty(in.readString(), in.readString()));
        }
        return new MessageProperties(formatIndicator, contentType, responseTopic, correlationData, userProperties);
    }
}
