package io.thingbus.registry.auth;

import java.util.Collection;
import java.util.Iterator;

/** A fixed set of compiled filters, asked whether any of them matches, covers or meets a topic or filter. */
final class TopicPatterns {

    static final TopicPatterns NONE = new TopicPatterns(new TopicPattern[0]);

    private final TopicPattern[] patterns;

    private TopicPatterns(TopicPattern[] patterns) {
        this.patterns = patterns;
    }

    /** @throws IllegalArgumentException naming the first invalid filter */
    static TopicPatterns of(Collection<String> filters) {
        if (filters.isEmpty()) {
            return NONE;
        }
        TopicPattern[] compiled = new TopicPattern[filters.size()];
        Iterator<String> each = filters.iterator();
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = new TopicPattern(each.next());
        }
        return new TopicPatterns(compiled);
    }

    boolean isEmpty() {
        return patterns.length == 0;
    }

    /** Whether one of the filters matches the topic name. */
    boolean anyMatches(String topic) {
        for (TopicPattern pattern : patterns) {
            if (pattern.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the filters matches every topic that {@code filter} matches. */
    boolean anyCovers(String filter) {
        for (TopicPattern pattern : patterns) {
            if (pattern.covers(filter)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the filters matches some topic that {@code filter} matches too. */
    boolean anyIntersects(String filter) {
        for (TopicPattern pattern : patterns) {
            if (pattern.intersects(filter)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (TopicPattern pattern : patterns) {
            text.append(text.length() > 1 ? ", " : "").append(pattern);
        }
        return text.append(']').toString();
    }
}
