package io.thingbus.registry.auth;

import io.thingbus.messaging.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topic of an ACL rule: a topic filter whose levels may hold placeholders, {@code ${deviceId}},
 * {@code ${clientId}}, {@code ${username}} and {@code ${tag:NAME}}, filled in per connection.
 *
 * <p>A placeholder without a value (a client that is not a device, a device without that tag, no
 * user name) makes the rule not apply. A value that cannot be part of one topic level (empty, or
 * holding {@code / + #} or U+0000) would let a client widen a rule by choosing its client id or user
 * name, so it makes an allow rule not apply and turns a deny rule's level into {@code +}: denials
 * fail closed.
 */
final class TopicTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final String TAG_PREFIX = "tag:";

    private final String text;
    /** Per level, its parts: literal text, or a placeholder name (deviceId, clientId, username, tag:NAME). */
    private final List<List<Part>> levels;
    private final boolean hasPlaceholders;

    private TopicTemplate(String text, List<List<Part>> levels, boolean hasPlaceholders) {
        this.text = text;
        this.levels = levels;
        this.hasPlaceholders = hasPlaceholders;
    }

    /** @throws IllegalArgumentException for an unknown placeholder or a template that is no valid filter */
    static TopicTemplate parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a topic is required");
        }
        List<List<Part>> levels = new ArrayList<>();
        boolean placeholders = false;
        StringBuilder probe = new StringBuilder();
        String[] rawLevels = text.split("/", -1);
        for (int i = 0; i < rawLevels.length; i++) {
            String level = rawLevels[i];
            List<Part> parts = new ArrayList<>();
            Matcher matcher = PLACEHOLDER.matcher(level);
            int literalStart = 0;
            while (matcher.find()) {
                if (matcher.start() > literalStart) {
                    parts.add(Part.literal(level.substring(literalStart, matcher.start())));
                }
                parts.add(Part.placeholder(requireKnown(matcher.group(1))));
                literalStart = matcher.end();
                placeholders = true;
            }
            if (literalStart < level.length()) {
                String literal = level.substring(literalStart);
                if (literal.contains("${")) {
                    throw new IllegalArgumentException("unclosed placeholder in topic '" + text + "'");
                }
                parts.add(Part.literal(literal));
            }
            levels.add(List.copyOf(parts));
            probe.append(i == 0 ? "" : "/").append(sample(parts));
        }
        if (!Topics.isValidTopicFilter(probe.toString())) {
            throw new IllegalArgumentException("topic '" + text + "' is not a valid MQTT topic filter"
                    + " (a + or # must fill a whole level, # only the last)");
        }
        return new TopicTemplate(text, List.copyOf(levels), placeholders);
    }

    boolean hasPlaceholders() {
        return hasPlaceholders;
    }

    String text() {
        return text;
    }

    /**
     * The filter for this subject, or null when the rule does not apply to it.
     *
     * @param failClosed true for a deny rule: an unusable value widens its level to {@code +} instead
     */
    String resolve(AclSubject subject, boolean failClosed) {
        StringBuilder filter = new StringBuilder(text.length() + 32);
        for (int i = 0; i < levels.size(); i++) {
            if (i > 0) {
                filter.append('/');
            }
            int levelStart = filter.length();
            for (Part part : levels.get(i)) {
                if (part.literal() != null) {
                    filter.append(part.literal());
                    continue;
                }
                String value = valueOf(part.placeholder(), subject);
                if (value == null) {
                    return null;
                }
                if (!isUsableInLevel(value)) {
                    if (!failClosed) {
                        return null;
                    }
                    filter.setLength(levelStart);
                    filter.append('+');
                    break;
                }
                filter.append(value);
            }
        }
        return filter.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String valueOf(String placeholder, AclSubject subject) {
        return switch (placeholder) {
            case "deviceId" -> subject.deviceId();
            case "clientId" -> subject.clientId();
            case "username" -> subject.username();
            default -> subject.tags().get(placeholder.substring(TAG_PREFIX.length()));
        };
    }

    /** One whole, ordinary level: no separator, no wildcard, no U+0000, not empty. */
    private static boolean isUsableInLevel(String value) {
        return value.indexOf('/') < 0 && Topics.isValidTopicName(value);
    }

    private static String requireKnown(String name) {
        if (name.equals("deviceId") || name.equals("clientId") || name.equals("username")) {
            return name;
        }
        if (name.startsWith(TAG_PREFIX) && TAG_NAME.matcher(name.substring(TAG_PREFIX.length())).matches()) {
            return name;
        }
        throw new IllegalArgumentException("unknown placeholder '${" + name + "}' (expected ${deviceId}, ${clientId}, "
                + "${username} or ${tag:NAME} with NAME of A-Z a-z 0-9 _ . -)");
    }

    /** A sample value for validation: a placeholder stands for one ordinary level's text. */
    private static String sample(List<Part> parts) {
        StringBuilder sample = new StringBuilder();
        for (Part part : parts) {
            sample.append(part.literal() != null ? part.literal() : "x");
        }
        return sample.toString();
    }

    /** Literal text or a placeholder name; exactly one is set. */
    private record Part(String literal, String placeholder) {

        static Part literal(String text) {
            return new Part(text, null);
        }

        static Part placeholder(String name) {
            return new Part(null, name);
        }
    }
}
