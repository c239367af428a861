package io.thingbus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCursorTest {

    @Test
    void roundTripsThroughItsOpaqueForm() {
        EventCursor cursor = new EventCursor(EventOrder.DESC, new EventKey(1_767_225_600_000L, 65_535, Long.MAX_VALUE));

        String text = cursor.encode();

        assertThat(text).matches("[A-Za-z0-9_-]+");
        assertThat(EventCursor.decode(text)).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a cursor", "AQ", "AgEAAAGbGO4AAP__f_____________"})
    void refusesWhatItDidNotMake(String text) {
        assertThatThrownBy(() -> EventCursor.decode(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a cursor");
    }

    @Test
    void aQueryRefusesACursorOfTheOtherOrder() {
        EventCursor ascending = new EventCursor(EventOrder.ASC, new EventKey(1, 0, 0));

        assertThatThrownBy(() -> new EventQuery("d", Instant.EPOCH, Instant.MAX, 10, EventOrder.DESC, ascending))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
