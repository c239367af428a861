package io.thingbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.UserProperty;
import io.thingbus.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the contracts of the telemetry stores share: fresh stores per test, re-opening on the same
 * data, and waiting for barriers. As in {@code StoresContract}, an in-memory implementation returns
 * the same instance from {@link #reopen}, so its durability tests pass trivially.
 */
public abstract class TelemetryStoresContract {

    /** How long a test waits for a future before failing rather than hanging. */
    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    /** 2026-01-01T00:00:00Z, where the tests' times begin. */
    protected static final long T0 = 1_767_225_600_000L;

    protected TelemetryStores stores;

    /** Fresh, empty stores for one test. */
    protected abstract TelemetryStores newStores();

    /** The stores re-opened on the data of {@code current} (or {@code current} itself when nothing persists). */
    protected abstract TelemetryStores reopen(TelemetryStores current);

    /** True when the implementation keeps its data across {@link #reopen}. */
    protected abstract boolean survivesReopen();

    @BeforeEach
    final void openStores() {
        stores = newStores();
    }

    @AfterEach
    final void closeStores() {
        stores.close();
    }

    @Test
    void reopenOpensTheSameDataAnew() {
        TelemetryStores before = stores;
        barrierAndReopen();
        assertThat(stores != before).as("a new instance after reopen").isEqualTo(survivesReopen());
    }

    /** Waits for the barrier of every write so far, then re-opens the stores. */
    protected final void barrierAndReopen() {
        barrier();
        stores = reopen(stores);
    }

    protected final void barrier() {
        await(stores.journal().barrier());
    }

    protected static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Appends one record and waits until it is durable. */
    protected final TelemetryRecord append(int partition, long time, String deviceId, String payload) {
        return await(stores.telemetryLog().append(partition, time, deviceId, List.of(new UserProperty("seq", payload)),
                "text/plain", utf8(payload)));
    }

    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
