package io.thingbus.sim.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MeasurementWindowTest {

    @Test
    void includesItsStartAndExcludesItsEnd() {
        MeasurementWindow window = new MeasurementWindow(100, 200);

        assertThat(window.contains(99)).isFalse();
        assertThat(window.contains(100)).isTrue();
        assertThat(window.contains(199)).isTrue();
        assertThat(window.contains(200)).isFalse();
        assertThat(window.seconds()).isEqualTo(100e-9);
    }

    @Test
    void holdsAcrossTheNanoClockOverflow() {
        MeasurementWindow window = new MeasurementWindow(Long.MAX_VALUE - 5, Long.MIN_VALUE + 5);

        assertThat(window.contains(Long.MAX_VALUE)).isTrue();
        assertThat(window.contains(Long.MIN_VALUE)).isTrue();
        assertThat(window.contains(Long.MIN_VALUE + 5)).isFalse();
    }

    @Test
    void mustEndAfterItStarts() {
        assertThatThrownBy(() -> new MeasurementWindow(5, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
