package io.thingbus.mqtt.internal.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.messaging.UserProperty;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropertyBagTest {

    private static final String PREFIX = "devices/d1/messages/events/";

    private static List<UserProperty> parse(String bag) {
        return PropertyBag.parse(PREFIX + bag, PREFIX.length());
    }

    @Test
    void pairsArePercentDecodedInOrderWithDuplicatesKept() {
        assertThat(parse("%24.ct=application%2Fjson&%24.ce=utf-8&room=A%201&room=B&caf%C3%A9=%E2%82%AC"))
                .containsExactly(new UserProperty("$.ct", "application/json"), new UserProperty("$.ce", "utf-8"),
                        new UserProperty("room", "A 1"), new UserProperty("room", "B"), new UserProperty("café", "€"));
    }

    @Test
    void aPlusIsAPlusAndRawCharactersStandForThemselves() {
        assertThat(parse("a=1+1&b=x y&c=caf\u00e9%21")).containsExactly(new UserProperty("a", "1+1"),
                new UserProperty("b", "x y"), new UserProperty("c", "café!"));
    }

    @Test
    void aNameWithoutValueEmptyPairsAndOneTrailingSlashAreFine() {
        assertThat(parse("flag&&x=&y=1/")).containsExactly(new UserProperty("flag", ""), new UserProperty("x", ""),
                new UserProperty("y", "1"));
        assertThat(parse("")).isEmpty();
        assertThat(PropertyBag.parse("devices/d1/messages/events", "devices/d1/messages/events".length() + 1)).isEmpty();
        assertThat(parse("a==b")).containsExactly(new UserProperty("a", "=b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%", "a=%2", "a=%zz", "a=%C3%28", "%FF=x", "=value", "a=1&=2"})
    void invalidEncodingsAndEmptyNamesAreAnInvalidPayloadFormat(String bag) {
        assertThatThrownBy(() -> parse(bag)).isInstanceOfSatisfying(ThingbusException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_FORMAT_INVALID));
    }
}
