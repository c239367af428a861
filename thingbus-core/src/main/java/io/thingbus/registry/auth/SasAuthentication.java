package io.thingbus.registry.auth;

import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceStore;
import java.time.Clock;
import java.util.Optional;

/**
 * A device with a SAS token as its password. The claimed device must be the client id, be named by
 * the token's {@code sr} ({@code {anyHost}/devices/{deviceId}}, a trailing {@code /} allowed, the host
 * not checked), exist, have signed the token with its primary or secondary key, and be enabled; the
 * token must not have expired. The connection ends when the token does.
 */
final class SasAuthentication {

    private final DeviceStore devices;
    private final AclCompiler acls;
    private final Clock clock;

    SasAuthentication(DeviceStore devices, AclCompiler acls, Clock clock) {
        this.devices = devices;
        this.acls = acls;
        this.clock = clock;
    }

    AuthenticationResult authenticate(ClientCredentials credentials, String password) {
        String deviceId = DeviceUserName.deviceId(credentials);
        if (!deviceId.equals(credentials.clientId())) {
            return Refusals.CLIENT_ID_NOT_DEVICE_ID;
        }
        SasToken token;
        try {
            token = SasToken.parse(password);
        } catch (IllegalArgumentException malformed) {
            return Refusals.badCredentials("malformed shared access signature");
        }
        if (!deviceId.equals(token.deviceId())) {
            return Refusals.BAD_CREDENTIALS;
        }
        Optional<Device> found = devices.find(deviceId);
        if (found.isEmpty() || !isSignedByDevice(token, found.get())) {
            return Refusals.BAD_CREDENTIALS;
        }
        if (token.isExpired(clock.instant())) {
            return Refusals.badCredentials("token expired");
        }
        Device device = found.get();
        if (!device.isEnabled()) {
            return Refusals.DEVICE_DISABLED;
        }
        ClientIdentity identity = ClientIdentity.device(deviceId);
        AclSubject subject = new AclSubject(identity, credentials.clientId(), credentials.username(), device.tags());
        return new AuthenticationResult.Accepted(identity, acls.forDevice(subject), token.expiresAt());
    }

    /** Both keys are always tried, so timing does not tell which one signed. */
    private static boolean isSignedByDevice(SasToken token, Device device) {
        boolean primary = token.isSignedWith(device.credentials().primaryKey());
        boolean secondary = token.isSignedWith(device.credentials().secondaryKey());
        return primary | secondary;
    }
}
