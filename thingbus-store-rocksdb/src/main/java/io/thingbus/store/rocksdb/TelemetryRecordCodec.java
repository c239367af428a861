package io.thingbus.store.rocksdb;

import io.thingbus.messaging.UserProperty;
import io.thingbus.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The value format of a telemetry log record (the {@code telemetry} column family; partition and
 * offset are in the key).
 *
 * <p>Version 1:
 * <pre>
 * byte    version (1)
 * int64   enqueued time, epoch milliseconds, big-endian      (at byte 1)
 * int64   partition bytes: the sum of {@link TelemetryRecord#size()} of the partition's records up to
 *         and including this one, since the partition began   (at byte 9)
 * string  device id (varint length + UTF-8)
 * content (see {@link #writeContent}): properties, content type, payload
 * </pre>
 * The two stamps sit at fixed places so that the value can be encoded before its partition's lock is
 * taken and stamped under it, and so that retention reads them without decoding the rest: the
 * partition bytes let it find, by binary search, where a byte budget begins.
 *
 * <p>Content, shared with {@link EventCodec}:
 * <pre>
 * varint  property count, then each as name string, value string
 * byte    flags: bit 0 a content type follows; other bits 0
 * string  content type (when flagged)
 * bytes   payload: every remaining byte
 * </pre>
 */
final class TelemetryRecordCodec {

    static final int VERSION = 1;
    static final int TIME_AT = 1;
    static final int PARTITION_BYTES_AT = 9;
    static final int HEADER_LENGTH = 17;

    private static final int HAS_CONTENT_TYPE = 1;
    private static final String WHAT = "telemetry record value";

    /** What {@link #readContent} returns. */
    record Content(List<UserProperty> properties, String contentType, byte[] payload) {
    }

    private TelemetryRecordCodec() {
    }

    /** The value with both stamps 0: {@link #stamp} them before it is written. */
    static byte[] encodeUnstamped(String deviceId, List<UserProperty> properties, String contentType, byte[] payload) {
        ValueWriter out = new ValueWriter(HEADER_LENGTH + deviceId.length() + 8 + payload.length + 16 * properties.size());
        out.writeByte(VERSION).writeLong(0).writeLong(0).writeString(deviceId);
        writeContent(out, properties, contentType, payload);
        return out.toByteArray();
    }

    static void stamp(byte[] value, long enqueuedTime, long partitionBytes) {
        ClientKeys.putLong(value, TIME_AT, enqueuedTime);
        ClientKeys.putLong(value, PARTITION_BYTES_AT, partitionBytes);
    }

    static TelemetryRecord decode(int partition, long offset, byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, WHAT, VERSION);
        long enqueuedTime = in.readLong();
        in.readLong();
        String deviceId = in.readString();
        Content content = readContent(in);
        return new TelemetryRecord(partition, offset, enqueuedTime, deviceId, content.properties(), content.contentType(),
                content.payload());
    }

    static long enqueuedTime(byte[] value) {
        return header(value).readLong();
    }

    static long partitionBytes(byte[] value) {
        ValueReader in = header(value);
        in.readLong();
        return in.readLong();
    }

    static void writeContent(ValueWriter out, List<UserProperty> properties, String contentType, byte[] payload) {
        out.writeVarInt(properties.size());
        for (UserProperty property : properties) {
            out.writeString(property.name()).writeString(property.value());
        }
        out.writeByte(contentType == null ? 0 : HAS_CONTENT_TYPE);
        if (contentType != null) {
            out.writeString(contentType);
        }
        out.writeRaw(payload);
    }

    static Content readContent(ValueReader in) {
        int count = in.readVarInt();
        if (count < 0 || count > in.remaining() / 2) {
            throw in.corrupt("a property count of " + Integer.toUnsignedString(count));
        }
        List<UserProperty> properties = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            properties.add(new UserProperty(in.readString(), in.readString()));
        }
        int flags = in.readUnsignedByte();
        if ((flags & ~HAS_CONTENT_TYPE) != 0) {
            throw in.corrupt("unknown flags " + Integer.toBinaryString(flags));
        }
        String contentType = (flags & HAS_CONTENT_TYPE) != 0 ? in.readString() : null;
        return new Content(properties, contentType, in.readRemaining());
    }

    private static ValueReader header(byte[] value) {
        ValueReader in = ValueReader.ofVersion(value, WHAT, VERSION);
        if (in.remaining() < HEADER_LENGTH - 1) {
            throw in.corrupt("no room for its stamps");
        }
        return in;
    }
}
