package io.thingbus.sim.bench.device;

import io.thingbus.sim.bench.client.ClientRole;
import io.thingbus.sim.bench.client.ConnectIdentities;
import io.thingbus.sim.bench.client.ConnectIdentity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Device mode: the connections of each device role are registered devices, each with its own SAS
 * token, signed all at once before the run so that signing never slows the connect ramp. Roles
 * without a fleet (the consumers of telemetry) identify themselves as {@code others} say.
 */
public final class DeviceIdentities implements ConnectIdentities {

    private final Map<ClientRole, List<ConnectIdentity>> devices;
    private final ConnectIdentities others;

    private DeviceIdentities(Map<ClientRole, List<ConnectIdentity>> devices, ConnectIdentities others) {
        this.devices = devices;
        this.others = others;
    }

    /** Signs the identity of every device of {@code fleets} (in parallel: it is CPU work). */
    public static DeviceIdentities sign(List<DeviceFleet> fleets, DeviceSigner signer, ConnectIdentities others) {
        Map<ClientRole, List<ConnectIdentity>> devices = new EnumMap<>(ClientRole.class);
        for (DeviceFleet fleet : fleets) {
            if (devices.containsKey(fleet.role())) {
                throw new IllegalArgumentException("two device fleets play " + fleet.role());
            }
            devices.put(fleet.role(), IntStream.range(0, fleet.count()).parallel()
                    .mapToObj(index -> signer.identity(fleet.deviceId(index)))
                    .toList());
        }
        return new DeviceIdentities(devices, others);
    }

    @Override
    public ConnectIdentity identityFor(ClientRole role, int index) {
        List<ConnectIdentity> fleet = devices.get(role);
        if (fleet == null) {
            return others.identityFor(role, index);
        }
        if (index < 0 || index >= fleet.size()) {
            throw new IllegalArgumentException("connection " + index + " of " + role + " is beyond the "
                    + fleet.size() + " devices signed for the run");
        }
        return fleet.get(index);
    }

    /** Devices signed, over all roles. */
    public int deviceCount() {
        return devices.values().stream().mapToInt(List::size).sum();
    }
}
