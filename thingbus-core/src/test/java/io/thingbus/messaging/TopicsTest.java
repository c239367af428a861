package io.thingbus.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    private static final String EURO = "\u20ac";             // 3 bytes in UTF-8
    private static final String GRINNING_FACE = "\ud83d\ude00"; // 4 bytes in UTF-8, two chars

    @ParameterizedTest
    @ValueSource(strings = {"a", "/", "a/b", "a//b", "/a", "a/", "//", "$SYS/broker", "sport/tennis/player1",
            "caf\u00e9", EURO, GRINNING_FACE + "/x", " ", "a b/c"})
    void acceptsTopicNames(String name) {
        assertThat(Topics.isValidTopicName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "#", "a/+", "a/#", "a+", "a#b", "nul\u0000here", "\ud83d", "x\ude00", "\ude00\ud83d"})
    void rejectsTopicNames(String name) {
        assertThat(Topics.isValidTopicName(name)).isFalse();
    }

    @Test
    void rejectsNullTopicNameAndFilter() {
        assertThat(Topics.isValidTopicName(null)).isFalse();
        assertThat(Topics.isValidTopicFilter(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "#", "+", "+/+", "/+", "+/", "a/#", "a/+/b", "+/#", "/#", "a//#", "$SYS/#",
            "//", "a/+/+/#", "sport/tennis/player1", GRINNING_FACE + "/+"})
    void acceptsTopicFilters(String filter) {
        assertThat(Topics.isValidTopicFilter(filter)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a#", "#a", "a/#/b", "#/", "#/#", "##", "a/b#", "a+", "+a", "a/+b", "a/b+/c", "++",
            "a/#/", "nul\u0000", "\ud83d/#"})
    void rejectsTopicFilters(String filter) {
        assertThat(Topics.isValidTopicFilter(filter)).isFalse();
    }

    @Test
    void acceptsExactlyTheLongestEncodableAsciiTopic() {
        String longest = "a".repeat(Topics.MAX_LENGTH_BYTES);

        assertThat(Topics.isValidTopicName(longest)).isTrue();
        assertThat(Topics.isValidTopicFilter(longest)).isTrue();
        assertThat(Topics.isValidTopicName(longest + "b")).isFalse();
        assertThat(Topics.isValidTopicFilter(longest + "b")).isFalse();
    }

    @Test
    void countsUtf8BytesNotCharsForTheLengthLimit() {
        String fitsExactly = EURO.repeat(Topics.MAX_LENGTH_BYTES / 3);
        String oneByteOver = fitsExactly + "a";
        assertThat(fitsExactly.getBytes(StandardCharsets.UTF_8)).hasSize(Topics.MAX_LENGTH_BYTES);

        assertThat(Topics.isValidTopicName(fitsExactly)).isTrue();
        assertThat(Topics.isValidTopicName(oneByteOver)).isFalse();
        assertThat(Topics.isValidTopicFilter(oneByteOver)).isFalse();
    }

    @Test
    void countsTwoByteCharactersAndSurrogatePairs() {
        String twoByteChars = "\u00e9".repeat(Topics.MAX_LENGTH_BYTES / 2); // 65534 bytes
        String pairs = GRINNING_FACE.repeat(Topics.MAX_LENGTH_BYTES / 4);    // 65532 bytes

        assertThat(Topics.isValidTopicName(twoByteChars + "a")).isTrue();
        assertThat(Topics.isValidTopicName(twoByteChars + "\u00e9")).isFalse();
        assertThat(Topics.isValidTopicName(pairs + "abc")).isTrue();
        assertThat(Topics.isValidTopicName(pairs + GRINNING_FACE)).isFalse();
    }

    @Test
    void findsLevelEnds() {
        assertThat(Topics.levelEnd("a/bc/d", 0)).isEqualTo(1);
        assertThat(Topics.levelEnd("a/bc/d", 2)).isEqualTo(4);
        assertThat(Topics.levelEnd("a/bc/d", 5)).isEqualTo(6);
        assertThat(Topics.levelEnd("a//", 2)).isEqualTo(2);
        assertThat(Topics.levelEnd("a//", 3)).isEqualTo(3);
    }

    @Test
    void recognisesDollarTopics() {
        assertThat(Topics.beginsWithDollar("$SYS/x")).isTrue();
        assertThat(Topics.beginsWithDollar("$")).isTrue();
        assertThat(Topics.beginsWithDollar("a/$SYS")).isFalse();
        assertThat(Topics.beginsWithDollar("")).isFalse();
    }

    @Test
    void recognisesSingleCharacterLevels() {
        assertThat(Topics.levelIs("a/+/b", 2, 3, '+')).isTrue();
        assertThat(Topics.levelIs("a/++/b", 2, 4, '+')).isFalse();
        assertThat(Topics.levelIs("a/#", 2, 3, '+')).isFalse();
        assertThat(Topics.levelIs("a//b", 2, 2, '+')).isFalse();
    }

    @Test
    void matchesAsTheSpecSays() {
        String[] filters = {"#", "+", "a", "a/b", "a/+", "a/#", "+/b", "+/+", "a/+/c", "a//c", "a/+/#", "/#", "+/#",
                "$dps/registrations/res/#", "$dps/+/res/#", "$SYS/#", "a/b/#", "+/b/+"};
        String[] topics = {"a", "a/b", "a/b/c", "a//c", "/", "/a", "a/", "b", "$dps/registrations/res/200/?$rid=1",
                "$SYS/x", "x/b", "x/b/y", "a/b/c/d", ""};
        for (String filter : filters) {
            for (String topic : topics) {
                if (topic.isEmpty()) {
                    continue;
                }
                assertThat(Topics.matches(filter, topic)).as("%s against %s", filter, topic)
                        .isEqualTo(ReferenceMatcher.matches(filter, topic));
            }
        }
    }
}
