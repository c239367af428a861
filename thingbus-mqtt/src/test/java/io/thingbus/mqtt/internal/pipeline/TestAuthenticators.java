package io.thingbus.mqtt.internal.pipeline;

import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.testing.TopicPrefixPolicy;
import io.thingbus.registry.auth.AccessPolicy;
import io.thingbus.registry.auth.AuthenticationResult;
import io.thingbus.registry.auth.ClientAuthenticator;
import io.thingbus.registry.auth.ClientIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Small authenticators for handler tests. */
final class TestAuthenticators {

    static final byte[] SECRET = "secret".getBytes(StandardCharsets.UTF_8);

    /**
     * User "good" with password "secret" may use "a" and everything under it; user "watcher" with the
     * secret may use every topic; user "banned" is not authorized; "device:ID" with the secret is
     * device ID, allowed "devices/ID/#"; anyone else has bad credentials.
     */
    static final ClientAuthenticator USERS = credentials -> {
        String user = credentials.username();
        if ("banned".equals(user)) {
            return new AuthenticationResult.Refused(ErrorCode.NOT_AUTHORIZED, "banned user");
        }
        if (user == null || !Arrays.equals(SECRET, credentials.password())) {
            return new AuthenticationResult.Refused(ErrorCode.BAD_CREDENTIALS, "unknown user or wrong password");
        }
        if (user.equals("good")) {
            return new AuthenticationResult.Accepted(new ClientIdentity(ClientIdentity.Kind.USER, "good"),
                    new TopicPrefixPolicy("a"), null);
        }
        if (user.equals("watcher")) {
            return new AuthenticationResult.Accepted(new ClientIdentity(ClientIdentity.Kind.USER, "watcher"),
                    AccessPolicy.ALLOW_ALL, null);
        }
        if (user.startsWith("device:")) {
            String deviceId = user.substring("device:".length());
            return new AuthenticationResult.Accepted(ClientIdentity.device(deviceId),
                    new TopicPrefixPolicy("devices/" + deviceId), null);
        }
        return new AuthenticationResult.Refused(ErrorCode.BAD_CREDENTIALS, "unknown user or wrong password");
    };

    private TestAuthenticators() {
    }
}
