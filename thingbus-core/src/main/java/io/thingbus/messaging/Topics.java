package io.thingbus.messaging;

/**
 * The MQTT rules for topic names and topic filters (MQTT 5.0 section 4.7, UTF-8 strings in 1.5.4).
 *
 * <p>Checks scan the characters once and count UTF-8 bytes without encoding, so they allocate nothing.
 */
public final class Topics {

    /** The longest topic name or filter, in UTF-8 bytes: the limit of an MQTT UTF-8 string. */
    public static final int MAX_LENGTH_BYTES = 65_535;

    private static final char LEVEL_SEPARATOR = '/';
    private static final char SINGLE_LEVEL_WILDCARD = '+';
    private static final char MULTI_LEVEL_WILDCARD = '#';

    private Topics() {
    }

    /**
     * True for a name a message may be published to: at least one character, no wildcard, no U+0000,
     * well-formed UTF-16 and at most {@value #MAX_LENGTH_BYTES} UTF-8 bytes. Empty levels are allowed.
     */
    public static boolean isValidTopicName(String topicName) {
        return isWellFormedMqttString(topicName)
                && topicName.indexOf(SINGLE_LEVEL_WILDCARD) < 0
                && topicName.indexOf(MULTI_LEVEL_WILDCARD) < 0;
    }

    /**
     * True for a filter a client may subscribe with: the rules of a topic name, except that {@code +}
     * may fill any whole level and {@code #} may fill the last level.
     */
    public static boolean isValidTopicFilter(String topicFilter) {
        return isWellFormedMqttString(topicFilter)
                && singleLevelWildcardsFillTheirLevel(topicFilter)
                && multiLevelWildcardIsLastLevel(topicFilter);
    }

    /**
     * Whether the topic name {@code topic} matches the (non-shared) filter {@code filter}: {@code +} is
     * exactly one level, {@code #} its parent level and any below, and a filter whose first level is a
     * wildcard matches no topic beginning with {@code $}. For one-off checks (a reply to one session);
     * routing walks the {@link TopicTrie}. Allocates nothing.
     */
    public static boolean matches(String filter, String topic) {
        if (beginsWithDollar(topic) && !filter.isEmpty() && (filter.charAt(0) == SINGLE_LEVEL_WILDCARD
                || filter.charAt(0) == MULTI_LEVEL_WILDCARD)) {
            return false;
        }
        int f = 0;
        int t = 0;
        while (true) {
            int filterLevelEnd = levelEnd(filter, f);
            if (levelIs(filter, f, filterLevelEnd, MULTI_LEVEL_WILDCARD)) {
                return true;
            }
            int topicLevelEnd = levelEnd(topic, t);
            boolean single = levelIs(filter, f, filterLevelEnd, SINGLE_LEVEL_WILDCARD);
            if (!single && (filterLevelEnd - f != topicLevelEnd - t || !filter.regionMatches(f, topic, t, filterLevelEnd - f))) {
                return false;
            }
            boolean filterDone = filterLevelEnd == filter.length();
            boolean topicDone = topicLevelEnd == topic.length();
            if (filterDone || topicDone) {
                return filterDone && topicDone
                        || topicDone && filter.startsWith("/#", filterLevelEnd) && filterLevelEnd + 2 == filter.length();
            }
            f = filterLevelEnd + 1;
            t = topicLevelEnd + 1;
        }
    }

    /** Where the level starting at {@code levelStart} ends: the index of the next {@code /}, or the length. */
    static int levelEnd(String topic, int levelStart) {
        int separator = topic.indexOf(LEVEL_SEPARATOR, levelStart);
        return separator < 0 ? topic.length() : separator;
    }

    /** True for topics such as {@code $SYS/...}, which wildcards in a filter's first level do not match. */
    static boolean beginsWithDollar(String topic) {
        return !topic.isEmpty() && topic.charAt(0) == '$';
    }

    /** True when the level {@code topic[levelStart, levelEnd)} is exactly the one character {@code c}. */
    static boolean levelIs(String topic, int levelStart, int levelEnd, char c) {
        return levelEnd - levelStart == 1 && topic.charAt(levelStart) == c;
    }

    private static boolean singleLevelWildcardsFillTheirLevel(String filter) {
        for (int i = filter.indexOf(SINGLE_LEVEL_WILDCARD); i >= 0; i = filter.indexOf(SINGLE_LEVEL_WILDCARD, i + 1)) {
            if (!fillsWholeLevel(filter, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean multiLevelWildcardIsLastLevel(String filter) {
        int first = filter.indexOf(MULTI_LEVEL_WILDCARD);
        return first < 0 || (first == filter.length() - 1 && fillsWholeLevel(filter, first));
    }

    private static boolean fillsWholeLevel(String filter, int index) {
        boolean startsLevel = index == 0 || filter.charAt(index - 1) == LEVEL_SEPARATOR;
        boolean endsLevel = index == filter.length() - 1 || filter.charAt(index + 1) == LEVEL_SEPARATOR;
        return startsLevel && endsLevel;
    }

    /**
     * Non-empty, no U+0000, no unpaired surrogate (which has no UTF-8 encoding) and at most
     * {@value #MAX_LENGTH_BYTES} bytes once encoded.
     */
    private static boolean isWellFormedMqttString(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH_BYTES) {
            return false;
        }
        int utf8Bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                return false;
            } else if (c < 0x80) {
                utf8Bytes += 1;
            } else if (c < 0x800) {
                utf8Bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                utf8Bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                utf8Bytes += 4;
                i++;
            } else {
                return false;
            }
        }
        return utf8Bytes <= MAX_LENGTH_BYTES;
    }
}
