package io.thingbus.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryPositionTest {

    @Test
    void formatsAndParsesPartitionColonOffset() {
        TelemetryPosition position = new TelemetryPosition(3, 1042);

        assertThat(position.toString()).isEqualTo("3:1042");
        assertThat(TelemetryPosition.parse("3:1042")).isEqualTo(position);
        assertThat(TelemetryPosition.parse("65535:" + Long.MAX_VALUE)).isEqualTo(new TelemetryPosition(65_535, Long.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", "3", "3:", ":5", "a:5", "3:b", "-1:5", "3:-5", "65536:0", "3:5:7", "3 :5", "3:99999999999999999999"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> TelemetryPosition.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordersByPartitionThenOffset() {
        assertThat(new TelemetryPosition(1, 900)).isLessThan(new TelemetryPosition(2, 0));
        assertThat(new TelemetryPosition(2, 1)).isGreaterThan(new TelemetryPosition(2, 0));
    }
}
