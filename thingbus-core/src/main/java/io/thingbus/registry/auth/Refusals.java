package io.thingbus.registry.auth;

import io.thingbus.errors.ErrorCode;

/** The refusals more than one way of authenticating gives; reasons never say whether a device or user exists. */
final class Refusals {

    static final AuthenticationResult.Refused BAD_CREDENTIALS =
            new AuthenticationResult.Refused(ErrorCode.BAD_CREDENTIALS, ErrorCode.BAD_CREDENTIALS.description());
    static final AuthenticationResult.Refused DEVICE_DISABLED =
            new AuthenticationResult.Refused(ErrorCode.NOT_AUTHORIZED, "device disabled");
    static final AuthenticationResult.Refused CLIENT_ID_NOT_DEVICE_ID =
            new AuthenticationResult.Refused(ErrorCode.CLIENT_ID_INVALID, "the client id must be the device id");

    private Refusals() {
    }

    static AuthenticationResult.Refused badCredentials(String reason) {
        return new AuthenticationResult.Refused(ErrorCode.BAD_CREDENTIALS, reason);
    }
}
