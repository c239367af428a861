package io.thingbus.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationConverterTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "45, PT45S", "2m, PT2M", "1h, PT1H", "0s, PT0S", "PT1M30S, PT1M30S",
        "' 10 s ', PT10S"})
    void readsDurationsAsPeopleWriteThem(String text, Duration expected) {
        assertThat(DurationConverter.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ten seconds", "-5s", "5d", "1.5s"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
