package io.thingbus.registry.auth;

import io.thingbus.messaging.Topics;

/**
 * A topic filter compiled once into its levels, then checked against topic names and against other
 * filters. Checks walk the other string by index and compare level regions in place, so they
 * allocate nothing.
 *
 * <p>Matching follows MQTT: {@code +} is exactly one level (empty ones included), {@code #} is its
 * parent level and any number below, and a filter whose first level is a wildcard matches no topic
 * that begins with {@code $}.
 */
final class TopicPattern {

    private static final byte LITERAL = 0;
    private static final byte SINGLE = 1;
    private static final byte MULTI = 2;

    private final String filter;
    private final String[] levels;
    private final byte[] kinds;

    /** @throws IllegalArgumentException when {@code filter} is not a valid MQTT topic filter */
    TopicPattern(String filter) {
        if (!Topics.isValidTopicFilter(filter)) {
            throw new IllegalArgumentException("invalid topic filter '" + filter + "'");
        }
        this.filter = filter;
        this.levels = filter.split("/", -1);
        this.kinds = new byte[levels.length];
        for (int i = 0; i < levels.length; i++) {
            kinds[i] = switch (levels[i]) {
                case "+" -> SINGLE;
                case "#" -> MULTI;
                default -> LITERAL;
            };
        }
    }

    String filter() {
        return filter;
    }

    /** Whether the topic name {@code topic} matches this filter. */
    boolean matches(String topic) {
        if (kinds[0] != LITERAL && startsWithDollar(topic)) {
            return false;
        }
        int start = 0;
        for (int i = 0; i < levels.length; i++) {
            if (kinds[i] == MULTI) {
                return true;
            }
            if (start > topic.length()) {
                return false;
            }
            int end = levelEnd(topic, start);
            if (kinds[i] == LITERAL && !levelEquals(topic, start, end, levels[i])) {
                return false;
            }
            start = end + 1;
        }
        return start > topic.length();
    }

    /** Whether every topic the filter {@code other} matches is matched by this filter too. */
    boolean covers(String other) {
        if (kinds[0] != LITERAL && startsWithDollar(other)) {
            return false;
        }
        int start = 0;
        for (int i = 0; i < levels.length; i++) {
            if (kinds[i] == MULTI) {
                return true;
            }
            if (start > other.length()) {
                return false;
            }
            int end = levelEnd(other, start);
            if (isLevel(other, start, end, '#')) {
                return i == 0 && isSingleThenMulti();
            }
            if (isLevel(other, start, end, '+')) {
                if (kinds[i] != SINGLE) {
                    return false;
                }
            } else if (kinds[i] == LITERAL && !levelEquals(other, start, end, levels[i])) {
                return false;
            }
            start = end + 1;
        }
        return start > other.length();
    }

    /** Whether some topic name is matched both by this filter and by the filter {@code other}. */
    boolean intersects(String other) {
        if (kinds[0] != LITERAL && startsWithDollar(other) || startsWithWildcard(other) && startsWithDollar(levels[0])) {
            return false;
        }
        int start = 0;
        for (int i = 0; i < levels.length; i++) {
            if (kinds[i] == MULTI) {
                return true;
            }
            if (start > other.length()) {
                return false;
            }
            int end = levelEnd(other, start);
            if (isLevel(other, start, end, '#')) {
                return true;
            }
            if (kinds[i] == LITERAL && !isLevel(other, start, end, '+') && !levelEquals(other, start, end, levels[i])) {
                return false;
            }
            start = end + 1;
        }
        return start > other.length() || other.length() == start + 1 && other.charAt(start) == '#';
    }

    @Override
    public String toString() {
        return filter;
    }

    /** {@code +/#}: every topic of one level or more, which is what {@code #} is (there is no level above it). */
    private boolean isSingleThenMulti() {
        return kinds.length == 2 && kinds[0] == SINGLE && kinds[1] == MULTI;
    }

    private static int levelEnd(String s, int start) {
        int separator = s.indexOf('/', start);
        return separator < 0 ? s.length() : separator;
    }

    private static boolean levelEquals(String s, int start, int end, String level) {
        return end - start == level.length() && s.regionMatches(start, level, 0, level.length());
    }

    private static boolean isLevel(String s, int start, int end, char c) {
        return end - start == 1 && s.charAt(start) == c;
    }

    private static boolean startsWithDollar(String s) {
        return !s.isEmpty() && s.charAt(0) == '$';
    }

    private static boolean startsWithWildcard(String filter) {
        char first = filter.charAt(0);
        return (first == '+' || first == '#') && (filter.length() == 1 || filter.charAt(1) == '/');
    }
}
