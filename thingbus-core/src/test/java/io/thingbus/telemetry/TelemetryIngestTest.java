package io.thingbus.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.messaging.UserProperty;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TelemetryIngestTest {

    private static final byte[] SECRET = "a-hub-secret-of-some-length".getBytes(StandardCharsets.UTF_8);

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private final InMemoryTelemetryLog log = new InMemoryTelemetryLog();

    private TelemetryIngest ingest(PseudonymisationConfig.InvalidPayload invalid) {
        return new TelemetryIngest(log, new Pseudonymiser(new PseudonymisationConfig(SECRET, List.of("/badge"),
                Set.of("patient"), 16, invalid)), clock);
    }

    @Test
    void storesThePseudonymisedMessageStampedWithTheHubsClock() {
        TelemetryIngest ingest = ingest(PseudonymisationConfig.InvalidPayload.PASS_THROUGH);

        TelemetryRecord record = ingest.ingest("badge-reader-1", 5, List.of(new UserProperty("patient", "Grace Hopper")),
                "application/json", "{\"badge\":\"B-4711\",\"room\":\"R1\"}".getBytes(StandardCharsets.UTF_8)).join();
        now.set(now.get().minus(Duration.ofSeconds(30))); // the clock steps back
        TelemetryRecord next = ingest.ingest("badge-reader-1", 5, List.of(), null, new byte[0]).join();

        TelemetryRecord stored = log.read(5, 0, 10, 1 << 20).records().get(0);
        String payload = new String(stored.payload(), StandardCharsets.UTF_8);
        assertThat(payload).doesNotContain("B-4711").contains("\"room\":\"R1\"");
        assertThat(stored.properties().get(0).value()).doesNotContain("Grace").hasSize(16);
        assertThat(stored.enqueuedTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        assertThat(record.position()).isEqualTo(new TelemetryPosition(5, 0));
        assertThat(next.enqueuedTime()).isEqualTo(record.enqueuedTime());
    }

    @Test
    void aRefusedMessageFailsWithItsErrorCodeAndIsNotStored() {
        TelemetryIngest ingest = ingest(PseudonymisationConfig.InvalidPayload.REFUSE);

        var result = ingest.ingest("d", 0, List.of(), "text/plain", "not json".getBytes(StandardCharsets.UTF_8));

        assertThat(result).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
                .havingCause().isInstanceOfSatisfying(ThingbusException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_FORMAT_INVALID));
        assertThat(log.endOffset(0)).isZero();
    }
}
