package io.thingbus.sim.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "123456.7 | 123,457",
        "100000   | 100,000",
        "250.4    | 250",
        "12.345   | 12.3",
        "3.14159  | 3.14",
        "0.4567   | 0.457",
        "0        | 0",
        "-1500    | -1,500",
        "7        | 7",
    })
    void groupsThousandsAndKeepsOnlyInformativeDecimals(double value, String expected) {
        assertThat(Numbers.format(value)).isEqualTo(expected);
    }
}
