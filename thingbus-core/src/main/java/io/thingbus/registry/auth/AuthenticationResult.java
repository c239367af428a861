package io.thingbus.registry.auth;

import io.thingbus.errors.ErrorCode;
import java.time.Instant;
import java.util.Objects;

/** The answer to a {@link ClientCredentials}: accepted with an identity and an ACL, or refused with a code. */
public sealed interface AuthenticationResult {

    /**
     * @param identity who the client is
     * @param access   what it may publish and subscribe to
     * @param expires  when its credential expires (the connection is closed then), or null for never
     */
    record Accepted(ClientIdentity identity, AccessPolicy access, Instant expires) implements AuthenticationResult {
        public Accepted {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(access, "access");
        }
    }

    /**
     * @param code   {@link ErrorCode#BAD_CREDENTIALS}, {@link ErrorCode#NOT_AUTHORIZED}, {@link ErrorCode#BANNED},
     *               {@link ErrorCode#CONNECTION_RATE_EXCEEDED}...; the CONNACK carries its reason code
     * @param reason for the log and the MQTT 5 reason string; never contains a secret
     */
    record Refused(ErrorCode code, String reason) implements AuthenticationResult {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
