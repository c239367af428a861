package io.thingbus.sim.bench.device;

import io.thingbus.sim.bench.client.ClientRole;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The devices that play one role in a run. Device {@code i} is {@code PREFIX-TAG-i} ({@code bench-c-0}
 * for the first idle device, {@code bench-p-0} for the first publisher), which is also its
 * registration id and its MQTT client id.
 */
public record DeviceFleet(String prefix, ClientRole role, int count) {

    /** A subset of the hub's id characters that needs no escaping in a path or JSON, with room for the suffix. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public DeviceFleet {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("--device-prefix must be 1 to 100 of A-Z a-z 0-9 . _ -, got '"
                    + prefix + "'");
        }
        if (count < 1) {
            throw new IllegalArgumentException("a device fleet needs at least one device");
        }
    }

    /** The id of device {@code index} of this fleet. */
    public String deviceId(int index) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("device " + index + " is not in this fleet of " + count);
        }
        return prefix + "-" + role.tag() + "-" + index;
    }

    /** Every device id, in index order. */
    public List<String> deviceIds() {
        return IntStream.range(0, count).mapToObj(this::deviceId).toList();
    }
}
