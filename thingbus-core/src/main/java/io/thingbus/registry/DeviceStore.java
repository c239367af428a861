package io.thingbus.registry;

import java.util.List;
import java.util.Optional;

/**
 * Where devices live. Implementations are safe for concurrent use; a write is durable when the
 * method returns. Reads are point lookups cheap enough for every CONNECT.
 */
public interface DeviceStore {

    Optional<Device> find(String id);

    /** Adds the device, or replaces the one with its id. */
    void put(Device device);

    /** Removes the device with this id; false when there was none. */
    boolean remove(String id);

    /** Up to {@code limit} devices in id order, starting after {@code afterId} (null: from the first). */
    List<Device> list(String afterId, int limit);

    /** How many devices there are. */
    long count();
}
