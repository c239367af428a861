package io.thingbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.UserProperty;
import io.thingbus.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final long T = 1_767_225_600_123L;

    @Test
    void writesAJsonPayloadAsJsonWithEveryField() {
        TelemetryRecord record = new TelemetryRecord(3, 1042, T, "meter-1",
                List.of(new UserProperty("unit", "C"), new UserProperty("tag", "a"), new UserProperty("tag", "b")),
                "application/json; charset=utf-8", "{\"temperature\":21.5}".getBytes(StandardCharsets.UTF_8));

        assertThat(EventJson.toJson(record).toString()).isEqualTo("{\"deviceId\":\"meter-1\","
                + "\"enqueuedTime\":\"2026-01-01T00:00:00.123Z\",\"partition\":3,\"offset\":1042,"
                + "\"properties\":{\"unit\":\"C\",\"tag\":[\"a\",\"b\"]},\"contentType\":\"application/json; charset=utf-8\","
                + "\"payload\":{\"temperature\":21.5}}");
    }

    @Test
    void writesOtherPayloadsAsBase64() {
        TelemetryRecord binary = new TelemetryRecord(0, 0, T, "d", List.of(), null, new byte[] {0, 1, (byte) 0xFF});
        TelemetryRecord brokenJson = new TelemetryRecord(0, 1, T, "d", List.of(), "application/vnd.x+json",
                "{not json".getBytes(StandardCharsets.UTF_8));

        assertThat(EventJson.toJson(binary).toString()).isEqualTo("{\"deviceId\":\"d\",\"enqueuedTime\":\"2026-01-01T00:00:00.123Z\","
                + "\"partition\":0,\"offset\":0,\"properties\":{},\"payload\":\"AAH/\",\"payloadEncoding\":\"base64\"}");
        assertThat(EventJson.toJson(brokenJson).get("payloadEncoding").asText()).isEqualTo("base64");
    }
}
