package io.thingbus.registry.auth;

import java.util.Locale;
import java.util.Objects;

/**
 * One operator ACL rule: whether {@code clients} may (or may not) {@code action} on {@code topic}.
 * Deny rules win over every allow, over a device's built-in rights and over a token's claims.
 *
 * @param effect  allow or deny
 * @param action  publish, subscribe or both
 * @param topic   an MQTT topic filter that may hold {@code ${deviceId}}, {@code ${clientId}},
 *                {@code ${username}} and {@code ${tag:NAME}} placeholders
 * @param clients which kind of client the rule is for
 */
public record AclRule(Effect effect, Action action, String topic, Clients clients) {

    /** @throws IllegalArgumentException when the topic is no valid filter or names an unknown placeholder */
    public AclRule {
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(clients, "clients");
        TopicTemplate.parse(topic);
    }

    /** Whether the rule grants or takes away. */
    public enum Effect {
        ALLOW,
        DENY
    }

    /** What the rule is about. */
    public enum Action {
        PUBLISH,
        SUBSCRIBE,
        ALL;

        boolean coversPublish() {
            return this != SUBSCRIBE;
        }

        boolean coversSubscribe() {
            return this != PUBLISH;
        }
    }

    /** Which clients a rule is for, by {@link ClientIdentity.Kind}. */
    public enum Clients {
        DEVICES,
        USERS,
        TOKENS,
        ANONYMOUS,
        SERVICES,
        ALL;

        /** Whether a client of this kind is one of these clients. */
        public boolean include(ClientIdentity.Kind kind) {
            return switch (this) {
                case DEVICES -> kind == ClientIdentity.Kind.DEVICE;
                case USERS -> kind == ClientIdentity.Kind.USER;
                case TOKENS -> kind == ClientIdentity.Kind.TOKEN;
                case ANONYMOUS -> kind == ClientIdentity.Kind.ANONYMOUS;
                case SERVICES -> kind == ClientIdentity.Kind.SERVICE;
                case ALL -> true;
            };
        }
    }

    /** The name in the rule file: {@code allow}, {@code publish}, {@code devices}... */
    static String wireName(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
