package io.thingbus.registry;

import java.util.OptionalLong;

/**
 * When the hub last heard from a device over its live connection (any packet, keep-alives included),
 * as the broker tracks it for keep-alive anyway, so nothing is recorded per message for it.
 */
@FunctionalInterface
public interface LiveActivity {

    /** Nothing is connected. */
    LiveActivity NONE = deviceId -> OptionalLong.empty();

    /** Milliseconds since the epoch of the last packet from the device's live connection, or empty. */
    OptionalLong lastHeardMillis(String deviceId);
}
