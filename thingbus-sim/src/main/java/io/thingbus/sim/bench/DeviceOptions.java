package io.thingbus.sim.bench;

import io.thingbus.sim.bench.client.ClientRole;
import io.thingbus.sim.bench.client.ConnectIdentities;
import io.thingbus.sim.bench.device.DeviceFleet;
import io.thingbus.sim.bench.device.DeviceRegistrar;
import io.thingbus.sim.bench.device.DeviceSetup;
import io.thingbus.sim.bench.device.DeviceSigner;
import io.thingbus.sim.bench.device.GroupKey;
import io.thingbus.sim.bench.scenario.IdentitySetup;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Device mode, for scenarios whose connections can be a hub's devices: each connection is a member
 * of a group enrollment with its own derived key and SAS token, optionally registered through the
 * hub's provisioning endpoint before the run. Off unless {@code --sas-group-key} is given.
 */
public final class DeviceOptions {

    @Option(names = "--sas-group-key", paramLabel = "BASE64",
            description = "Device mode: each connection is device PREFIX-ROLE-INDEX and signs a SAS token with its key "
                    + "base64(HMAC-SHA256(base64decode(BASE64), deviceId)), as a group enrollment with this key derives it.")
    String groupKey;

    @Option(names = "--sas-hostname", defaultValue = "localhost", paramLabel = "NAME",
            description = "Host name in the SAS resource {NAME}/devices/{id} and the user name {NAME}/{id}/?api-version=... "
                    + "Default: ${DEFAULT-VALUE}.")
    String hostname;

    @Option(names = "--device-prefix", defaultValue = "bench", paramLabel = "PREFIX",
            description = "Device mode: device ids (and client ids) are PREFIX-ROLE-INDEX. Default: ${DEFAULT-VALUE}.")
    String devicePrefix;

    @Option(names = "--sas-validity", defaultValue = "24h", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long the signed tokens are valid; the hub closes connections whose token expired. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration validity;

    @Option(names = "--provision-url", paramLabel = "URL",
            description = "Register every device before the run through POST URL/api/v1/provisioning/{id}/register "
                    + "(a 409, registered before, counts as present). The hub's HTTP port: http://127.0.0.1:PORT.")
    String provisionUrl;

    @Option(names = "--provision-scope", defaultValue = "bench", paramLabel = "SCOPE",
            description = "The id scope in registration tokens ({SCOPE}/registrations/{id}). Default: ${DEFAULT-VALUE}.")
    String provisionScope;

    @Option(names = "--provision-concurrency", defaultValue = "8", paramLabel = "N",
            description = "Registration requests under way at once. Default: ${DEFAULT-VALUE}.")
    int provisionConcurrency;

    /**
     * In device mode, the {@code devices} connections of {@code deviceRole} are devices, signed (and
     * registered) before the run, and other roles identify themselves as {@code generic} says; in
     * generic mode every connection does. {@link IllegalArgumentException} for bad values.
     */
    IdentitySetup identitySetup(ClientRole deviceRole, int devices, ConnectIdentities generic, Clock clock) {
        if (groupKey == null) {
            if (provisionUrl != null) {
                throw new IllegalArgumentException("--provision-url registers devices: give --sas-group-key too");
            }
            return IdentitySetup.ready(generic);
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("--sas-validity must be positive");
        }
        DeviceFleet fleet = new DeviceFleet(devicePrefix, deviceRole, devices);
        DeviceSigner signer = new DeviceSigner(new GroupKey(groupKey), hostname, clock.instant().plus(validity));
        Optional<DeviceRegistrar> registrar = Optional.ofNullable(provisionUrl)
                .map(url -> new DeviceRegistrar(DeviceRegistrar.loopbackUrl(url), provisionScope, signer,
                        provisionConcurrency));
        return new DeviceSetup(List.of(fleet), signer, generic, registrar);
    }
}
