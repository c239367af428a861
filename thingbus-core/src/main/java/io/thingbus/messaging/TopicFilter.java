package io.thingbus.messaging;

import java.util.Objects;

/**
 * A topic filter as a client subscribes with it, split into its share group and the filter proper
 * (MQTT 5.0 section 4.8.2): {@code $share/{ShareName}/{filter}} is shared among the group's
 * subscribers, anything else is an ordinary subscription.
 *
 * @param shareGroup the ShareName of a shared subscription, or null for an ordinary one
 * @param filter     the filter that topic names are matched against, never carrying the share prefix
 */
public record TopicFilter(String shareGroup, String filter) {

    private static final String SHARE_PREFIX = "$share/";

    /** Throws {@link IllegalArgumentException} unless both parts are valid and the pair has one string form. */
    public TopicFilter {
        Objects.requireNonNull(filter, "filter");
        if (!Topics.isValidTopicFilter(filter)) {
            throw new IllegalArgumentException("invalid topic filter '" + filter + "'");
        }
        if (shareGroup == null && filter.startsWith(SHARE_PREFIX)) {
            throw new IllegalArgumentException("'" + filter + "' is a shared subscription: use TopicFilter.parse");
        }
        if (shareGroup != null && !isValidShareName(shareGroup)) {
            throw new IllegalArgumentException("invalid share name '" + shareGroup
                    + "': it must be non-empty and contain no '/', '+', '#' or U+0000");
        }
    }

    /**
     * Parses a filter as it arrives in SUBSCRIBE. Throws {@link IllegalArgumentException} naming the
     * problem when the filter or the share name is invalid.
     */
    public static TopicFilter parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        if (!raw.startsWith(SHARE_PREFIX)) {
            return new TopicFilter(null, raw);
        }
        int shareNameEnd = raw.indexOf('/', SHARE_PREFIX.length());
        if (shareNameEnd < 0) {
            throw new IllegalArgumentException("shared subscription '" + raw
                    + "' needs the form $share/{ShareName}/{filter}");
        }
        return new TopicFilter(raw.substring(SHARE_PREFIX.length(), shareNameEnd), raw.substring(shareNameEnd + 1));
    }

    /** True for a {@code $share/...} subscription. */
    public boolean isShared() {
        return shareGroup != null;
    }

    /** The string form a client subscribes with; {@link #parse} of it gives back an equal filter. */
    public String raw() {
        return isShared() ? SHARE_PREFIX + shareGroup + '/' + filter : filter;
    }

    private static boolean isValidShareName(String shareName) {
        if (shareName.isEmpty()) {
            return false;
        }
        for (int i = 0; i < shareName.length(); i++) {
            char c = shareName.charAt(i);
            if (c == '/' || c == '+' || c == '#' || c == '\0') {
                return false;
            }
        }
        return true;
    }
}
