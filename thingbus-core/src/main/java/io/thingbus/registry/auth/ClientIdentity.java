package io.thingbus.registry.auth;

import java.util.Objects;

/**
 * Who a connection is, once authenticated.
 *
 * @param kind what sort of client
 * @param name the device id ({@link Kind#DEVICE}), user name ({@link Kind#USER}), token subject
 *             ({@link Kind#TOKEN}), principal name ({@link Kind#SERVICE}), registration id
 *             ({@link Kind#PROVISIONING}) or the client id ({@link Kind#ANONYMOUS})
 */
public record ClientIdentity(Kind kind, String name) {

    public ClientIdentity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public enum Kind {
        /** A registered device (a gateway is a device with children). */
        DEVICE,
        /** A user name and password client. */
        USER,
        /** A plain pub/sub client with a JWT entitlement token. */
        TOKEN,
        /** A back-end service principal (bearer token as the password). */
        SERVICE,
        /** A device registering with the provisioning service, before it is a device. */
        PROVISIONING,
        /** A client without credentials, where the operator allows them. */
        ANONYMOUS
    }

    public static ClientIdentity device(String deviceId) {
        return new ClientIdentity(Kind.DEVICE, deviceId);
    }


    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}
