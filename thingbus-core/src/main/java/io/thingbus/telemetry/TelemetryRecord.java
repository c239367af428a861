package io.thingbus.telemetry;

import io.thingbus.messaging.UserProperty;
import java.util.List;
import java.util.Objects;

/**
 * One device-to-cloud message as the hub stored it. Everything but the device's own content is
 * stamped by the hub: the device's clock is never trusted.
 *
 * @param partition    the device's partition
 * @param offset       its place in the partition: the partition's records are numbered 0, 1, 2, ... without gaps
 * @param enqueuedTime when the hub took it, in milliseconds since the epoch by the hub's clock; never
 *                     less than the time of a lower offset in the same partition
 * @param deviceId     the device it came from
 * @param properties   the application properties (Azure property bag, MQTT 5 user properties, HTTP
 *                     headers), in the order sent, duplicates kept
 * @param contentType  the payload's content type as the device declared it, or null
 * @param payload      the payload; not copied, do not modify
 */
public record TelemetryRecord(int partition, long offset, long enqueuedTime, String deviceId,
                              List<UserProperty> properties, String contentType, byte[] payload) {

    /** What {@link #size()} adds to the content for the stamp and the framing. */
    public static final int OVERHEAD_BYTES = 32;

    public TelemetryRecord {
        TelemetryPosition.requireValidPartition(partition);
        if (offset < 0) {
            throw new IllegalArgumentException("an offset must not be negative, was " + offset);
        }
        if (enqueuedTime < 0) {
            throw new IllegalArgumentException("an enqueued time must not be before 1970, was " + enqueuedTime);
        }
        Objects.requireNonNull(deviceId, "deviceId");
        properties = List.copyOf(properties);
        Objects.requireNonNull(payload, "payload");
    }

    public TelemetryPosition position() {
        return new TelemetryPosition(partition, offset);
    }

    /**
     * The bytes this record counts for in size-based retention: the UTF-8 bytes of its device id,
     * property names and values and content type, its payload, and {@value #OVERHEAD_BYTES}. The same
     * in every store, so that retention keeps the same records whichever store runs it.
     */
    public long size() {
        return sizeOf(deviceId, properties, contentType, payload);
    }

    /** {@link #size()} of a record with this content, before it is stamped. */
    public static long sizeOf(String deviceId, List<UserProperty> properties, String contentType, byte[] payload) {
        long size = OVERHEAD_BYTES + utf8Length(deviceId) + payload.length;
        for (UserProperty property : properties) {
            size += utf8Length(property.name()) + utf8Length(property.value());
        }
        return contentType == null ? size : size + utf8Length(contentType);
    }

    private static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    @Override
    public String toString() {
        return "TelemetryRecord[" + position() + " device=" + deviceId + " enqueuedTime=" + enqueuedTime
                + " contentType=" + contentType + " properties=" + properties.size() + " payload=" + payload.length + " bytes]";
    }
}
