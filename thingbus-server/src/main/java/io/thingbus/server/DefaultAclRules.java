package io.thingbus.server;

import io.thingbus.registry.auth.AclRules;
import io.thingbus.registry.auth.AuthConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The ACL rules a hub runs with when the operator gives no {@code --acl-file}: MQTT users (and
 * anonymous clients, where {@code --allow-anonymous} lets them in) may publish and subscribe to any
 * topic outside the device namespaces ({@code devices/#}, {@code $iothub/#}, {@code $dps/#}), so
 * the hub is a general MQTT broker out of the box while device traffic stays the devices' and the
 * services'. The rules are the resource {@code default-acl.json}, printed in docs/configuration.md
 * as a starting point for a file of one's own.
 */
public final class DefaultAclRules {

    private static final String RESOURCE = "default-acl.json";

    private DefaultAclRules() {
    }

    /** The default rules. */
    public static AclRules rules() {
        try (InputStream in = DefaultAclRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the hub's jar");
            }
            return AclRules.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The default authentication: anonymous clients refused, the default rules. */
    public static AuthConfig authConfig() {
        return AuthConfig.DEFAULT.withRules(rules());
    }
}
