package io.thingbus.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The committed offsets of the log's consumers: per consumer group and partition, the offset the
 * group reads next. A commit is readable at once and durable at the next journal barrier, so a
 * restarted consumer resumes where it last committed.
 *
 * <p>Group names are 1 to 255 bytes of UTF-8; names beginning with {@code $} are the hub's own
 * (such as the event store writer's).
 */
public interface ConsumerOffsets {

    /** The longest group name, in UTF-8 bytes. */
    int MAX_GROUP_BYTES = 255;

    /** The committed offset of {@code group} in {@code partition}, or empty when it never committed one. */
    OptionalLong committed(String group, int partition);

    /** Records that {@code group} reads {@code partition} next at {@code offset}. */
    void commit(String group, int partition, long offset);

    /** @throws IllegalArgumentException unless {@code group} is a valid group name */
    static String requireValidGroup(String group) {
        int bytes = group == null ? 0 : group.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_GROUP_BYTES) {
            throw new IllegalArgumentException("a consumer group name is 1 to " + MAX_GROUP_BYTES + " bytes of UTF-8, was "
                    + (group == null ? "null" : bytes + " bytes"));
        }
        return group;
    }
}
