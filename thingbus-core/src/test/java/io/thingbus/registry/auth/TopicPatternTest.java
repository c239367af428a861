package io.thingbus.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicPatternTest {

    /** Levels the generated filters and topics are made of; "z" stands for every level no filter names. */
    private static final List<String> LEVELS = List.of("a", "b", "", "$s", "z");
    private static final List<String> FILTER_LEVELS = List.of("a", "b", "", "$s", "+", "#");

    @Test
    void matchesTopicNamesAsMqttDoes() {
        assertThat(new TopicPattern("a/#").matches("a")).isTrue();
        assertThat(new TopicPattern("a/#").matches("a/b/c")).isTrue();
        assertThat(new TopicPattern("a/+").matches("a/")).isTrue();
        assertThat(new TopicPattern("a/+").matches("a")).isFalse();
        assertThat(new TopicPattern("a/+").matches("a/b/c")).isFalse();
        assertThat(new TopicPattern("#").matches("$iothub/twin/res/200")).isFalse();
        assertThat(new TopicPattern("+/x").matches("$dps/x")).isFalse();
        assertThat(new TopicPattern("$iothub/#").matches("$iothub/twin/res/200")).isTrue();
        assertThat(new TopicPattern("ab").matches("a")).isFalse();
        assertThat(new TopicPattern("a").matches("ab")).isFalse();
    }

    @Test
    void coversAFilterWhenItMatchesEveryTopicOfIt() {
        assertThat(new TopicPattern("sensors/#").covers("sensors/+/temp")).isTrue();
        assertThat(new TopicPattern("sensors/#").covers("sensors")).isTrue();
        assertThat(new TopicPattern("sensors/+").covers("sensors/#")).isFalse();
        assertThat(new TopicPattern("sensors/+/temp").covers("sensors/x/temp")).isTrue();
        assertThat(new TopicPattern("sensors/x/temp").covers("sensors/+/temp")).isFalse();
        assertThat(new TopicPattern("#").covers("$SYS/x")).isFalse();
    }

    @Test
    void intersectsWhenSomeTopicMatchesBoth() {
        TopicPattern secret = new TopicPattern("secret/#");
        assertThat(secret.intersects("secret/x")).isTrue();
        assertThat(secret.intersects("+/x")).isTrue();
        assertThat(secret.intersects("#")).isTrue();
        assertThat(secret.intersects("public/#")).isFalse();
        assertThat(new TopicPattern("$iothub/#").intersects("#")).isFalse();
        assertThat(new TopicPattern("a").intersects("a/#")).isTrue();
        assertThat(new TopicPattern("a/b").intersects("a/+/c")).isFalse();
    }

    @Test
    void agreesWithABruteForceReferenceOnEveryGeneratedFilterPair() {
        List<String> filters = filters(3);
        List<String> topics = topics(4);
        List<BitSet> matched = new ArrayList<>();
        for (String filter : filters) {
            TopicPattern pattern = new TopicPattern(filter);
            BitSet topicsMatched = new BitSet(topics.size());
            for (int t = 0; t < topics.size(); t++) {
                boolean reference = referenceMatches(filter, topics.get(t));
                assertThat(pattern.matches(topics.get(t))).as("%s matches %s", filter, topics.get(t)).isEqualTo(reference);
                topicsMatched.set(t, reference);
            }
            matched.add(topicsMatched);
        }
        for (int f = 0; f < filters.size(); f++) {
            TopicPattern pattern = new TopicPattern(filters.get(f));
            for (int o = 0; o < filters.size(); o++) {
                BitSet uncovered = (BitSet) matched.get(o).clone();
                uncovered.andNot(matched.get(f));
                assertThat(pattern.covers(filters.get(o))).as("%s covers %s", pattern, filters.get(o))
                        .isEqualTo(uncovered.isEmpty());
                assertThat(pattern.intersects(filters.get(o))).as("%s intersects %s", pattern, filters.get(o))
                        .isEqualTo(matched.get(f).intersects(matched.get(o)));
            }
        }
    }

    @Test
    void refusesAnInvalidFilter() {
        assertThatThrownBy(() -> new TopicPattern("a/#/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a/#/b");
        assertThatThrownBy(() -> new TopicPattern("a+")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every valid filter of up to {@code depth} levels. */
    private static List<String> filters(int depth) {
        List<String> filters = new ArrayList<>();
        List<String> current = new ArrayList<>(List.of(""));
        for (int level = 1; level <= depth; level++) {
            List<String> next = new ArrayList<>();
            for (String prefix : current) {
                if (prefix.endsWith("#") && !prefix.isEmpty() && (prefix.length() == 1 || prefix.endsWith("/#"))) {
                    continue;
                }
                for (String part : FILTER_LEVELS) {
                    next.add(level == 1 ? part : prefix + "/" + part);
                }
            }
            next.stream().filter(io.thingbus.messaging.Topics::isValidTopicFilter).forEach(filters::add);
            current = next;
        }
        return filters;
    }

    /**
     * Every topic of up to {@code depth} levels (one deeper than the filters, so # is told from +), and
     * the empty one: no client may publish it, but {@code /#} matches it as its parent level, which the
     * pattern checks count as any other topic.
     */
    private static List<String> topics(int depth) {
        List<String> topics = new ArrayList<>(List.of(""));
        List<String> current = new ArrayList<>(List.of(""));
        for (int level = 1; level <= depth; level++) {
            List<String> next = new ArrayList<>();
            for (String prefix : current) {
                for (String part : LEVELS) {
                    next.add(level == 1 ? part : prefix + "/" + part);
                }
            }
            next.stream().filter(topic -> !topic.isEmpty()).forEach(topics::add);
            current = next;
        }
        return topics;
    }

    /** The MQTT matching rule, written plainly. */
    private static boolean referenceMatches(String filter, String topic) {
        String[] filterLevels = filter.split("/", -1);
        String[] topicLevels = topic.split("/", -1);
        if (topic.startsWith("$") && (filterLevels[0].equals("+") || filterLevels[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < filterLevels.length; i++) {
            if (filterLevels[i].equals("#")) {
                return true;
            }
            if (i == topicLevels.length || !filterLevels[i].equals("+") && !filterLevels[i].equals(topicLevels[i])) {
                return false;
            }
        }
        return filterLevels.length == topicLevels.length;
    }
}
