package io.thingbus.registry.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The operator's ACL rules, in file order. The file is JSON:
 *
 * <pre>{@code
 * {"rules": [
 *   {"effect": "allow", "action": "publish", "topic": "sites/${tag:site}/status/${deviceId}", "clients": "devices"},
 *   {"effect": "deny", "action": "subscribe", "topic": "secret/#", "clients": "all"}
 * ]}
 * }</pre>
 *
 * Every field of a rule is required; names are lower case; unknown fields are refused, so a typo
 * cannot silently weaken a rule.
 *
 * @param rules the rules; their order does not change the outcome (deny wins)
 */
public record AclRules(List<AclRule> rules) {

    /** No rules: clients have their built-in rights only. */
    public static final AclRules NONE = new AclRules(List.of());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("effect", "action", "topic", "clients");

    public AclRules {
        rules = List.copyOf(rules);
    }

    /** @throws IllegalArgumentException naming the rule and field at fault, or the JSON syntax error */
    public static AclRules parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException notJson) {
            throw new IllegalArgumentException("ACL rules are not valid JSON: " + notJson.getOriginalMessage());
        }
        return parse(root);
    }

    /** @throws IllegalArgumentException naming the rule and field at fault */
    public static AclRules parse(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("rules").isArray()) {
            throw new IllegalArgumentException("ACL rules must be a JSON object with a \"rules\" array");
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("rules")) {
                throw new IllegalArgumentException("unknown field '" + name + "' in the ACL rules (only \"rules\")");
            }
        }
        List<AclRule> rules = new ArrayList<>();
        int number = 0;
        for (JsonNode node : root.get("rules")) {
            number++;
            try {
                rules.add(rule(node));
            } catch (IllegalArgumentException invalid) {
                throw new IllegalArgumentException("ACL rule " + number + ": " + invalid.getMessage());
            }
        }
        return new AclRules(rules);
    }

    private static AclRule rule(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("must be an object with effect, action, topic and clients");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "' (expected effect, action, topic, clients)");
            }
        }
        AclRule.Effect effect = choice(node, "effect", AclRule.Effect.class);
        AclRule.Action action = choice(node, "action", AclRule.Action.class);
        String topic = text(node, "topic");
        AclRule.Clients clients = choice(node, "clients", AclRule.Clients.class);
        return new AclRule(effect, action, topic, clients);
    }

    private static <E extends Enum<E>> E choice(JsonNode node, String field, Class<E> type) {
        String value = text(node, field);
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String wireName = AclRule.wireName(constant);
            if (wireName.equals(value)) {
                return constant;
            }
            allowed.add(wireName);
        }
        throw new IllegalArgumentException("'" + field + "' must be one of " + String.join(", ", allowed)
                + ", was '" + value + "'");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is required and must be a string");
        }
        return value.asText();
    }
}
