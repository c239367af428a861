package io.thingbus.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void mqttCodesKeepTheirPlaceSoExitCodesNeverChange() {
        assertThat(ErrorCode.UNSPECIFIED.cliExitCode()).isEqualTo(10);
        assertThat(ErrorCode.CONNECTION_RATE_EXCEEDED.ordinal()).isEqualTo(25);
        assertThat(ErrorCode.NOT_FOUND.ordinal()).as("HTTP-only codes are appended").isEqualTo(26);
    }

    @Test
    void httpOnlyCodesHaveNoMqttReasonCode() {
        assertThat(Arrays.stream(ErrorCode.values()).skip(ErrorCode.NOT_FOUND.ordinal()))
                .allSatisfy(code -> {
                    assertThat(code.mqttReasonCode()).isEqualTo(-1);
                    assertThat(code.mqtt3ConnectReturnCode()).isEqualTo(-1);
                });
        assertThat(Arrays.stream(ErrorCode.values()).limit(ErrorCode.NOT_FOUND.ordinal()))
                .allSatisfy(code -> assertThat(code.mqttReasonCode()).isBetween(0x80, 0xFF));
    }

    @Test
    void everyCodeHasAnHttpErrorStatus() {
        assertThat(ErrorCode.values()).allSatisfy(code -> assertThat(code.httpStatus()).isBetween(400, 599));
        assertThat(ErrorCode.METHOD_NOT_ALLOWED.httpStatus()).isEqualTo(405);
        assertThat(ErrorCode.PAYLOAD_TOO_LARGE.httpStatus()).isEqualTo(413);
    }
}
