package io.thingbus.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicFilterTest {

    @Test
    void parsesAnOrdinaryFilter() {
        TopicFilter filter = TopicFilter.parse("sensors/+/temperature");

        assertThat(filter.isShared()).isFalse();
        assertThat(filter.shareGroup()).isNull();
        assertThat(filter.filter()).isEqualTo("sensors/+/temperature");
    }

    @Test
    void parsesASharedSubscription() {
        TopicFilter filter = TopicFilter.parse("$share/workers/jobs/#");

        assertThat(filter.isShared()).isTrue();
        assertThat(filter.shareGroup()).isEqualTo("workers");
        assertThat(filter.filter()).isEqualTo("jobs/#");
    }

    @Test
    void keepsEmptyLevelsOfTheSharedFilter() {
        TopicFilter filter = TopicFilter.parse("$share/g//a/");

        assertThat(filter.filter()).isEqualTo("/a/");
    }

    @Test
    void treatsOtherDollarFiltersAsOrdinary() {
        assertThat(TopicFilter.parse("$SYS/#").isShared()).isFalse();
        assertThat(TopicFilter.parse("$share").isShared()).isFalse();
        assertThat(TopicFilter.parse("$shared/g/x").isShared()).isFalse();
        assertThat(TopicFilter.parse("a/$share/g/x").isShared()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "#", "a/+/b", "$SYS/#", "$share/g/x", "$share/g/#", "$share/g/+/x", "$share/g//"})
    void rawGivesBackTheParsedString(String raw) {
        TopicFilter filter = TopicFilter.parse(raw);

        assertThat(filter.raw()).isEqualTo(raw);
        assertThat(TopicFilter.parse(filter.raw())).isEqualTo(filter);
    }

    @Test
    void rejectsAnInvalidOrdinaryFilter() {
        assertThatThrownBy(() -> TopicFilter.parse("a/#/b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid topic filter 'a/#/b'");
        assertThatThrownBy(() -> TopicFilter.parse(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsASharedSubscriptionWithoutAFilter() {
        assertThatThrownBy(() -> TopicFilter.parse("$share/group"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$share/{ShareName}/{filter}");
        assertThatThrownBy(() -> TopicFilter.parse("$share/group/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid topic filter ''");
        assertThatThrownBy(() -> TopicFilter.parse("$share/"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnInvalidFilterInsideASharedSubscription() {
        assertThatThrownBy(() -> TopicFilter.parse("$share/g/a#"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid topic filter 'a#'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$share//x", "$share/+/x", "$share/#/x", "$share/g+/x", "$share/g#/x", "$share/a\u0000b/x"})
    void rejectsInvalidShareNames(String raw) {
        assertThatThrownBy(() -> TopicFilter.parse(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid share name");
    }

    @Test
    void acceptsAnyOtherCharacterInAShareName() {
        assertThat(TopicFilter.parse("$share/$grp.1 \u20ac/x").shareGroup()).isEqualTo("$grp.1 \u20ac");
    }

    @Test
    void refusesAnOrdinaryFilterThatWouldReadBackAsShared() {
        assertThatThrownBy(() -> new TopicFilter(null, "$share/g/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shared subscription");
    }

    @Test
    void validatesWhenConstructedDirectly() {
        assertThat(new TopicFilter("g", "a/+").raw()).isEqualTo("$share/g/a/+");
        assertThatThrownBy(() -> new TopicFilter("g", "a+"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicFilter("g/h", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid share name 'g/h'");
        assertThatThrownBy(() -> new TopicFilter("g", null))
                .isInstanceOf(NullPointerException.class);
    }
}
