package io.thingbus.events;

import io.thingbus.storage.Journal;
import io.thingbus.telemetry.ConsumerOffsets;
import io.thingbus.telemetry.LogConsumer;
import io.thingbus.telemetry.TelemetryBatch;
import io.thingbus.telemetry.TelemetryLog;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes the telemetry log into the event store, as the log consumer group {@value #GROUP}: on its
 * own thread, in batches, after the records are durable in the log. So indexing is never on the
 * acknowledgement path: a PUBACK waits for the log only, and the index follows a few milliseconds
 * behind.
 *
 * <p>Each batch's events and the group's new committed offset are written in one atomic journal
 * batch, so after a crash the writer resumes exactly after the last batch indexed: no event is lost
 * or indexed twice. (Indexing one twice would be harmless anyway: same key, same value.)
 *
 * <p>The writer sleeps while it has caught up and wakes when the log says records became durable
 * (or after a second). After a store failure it logs once and retries every second.
 * When retention removes log records before they were indexed (the writer stopped for longer than the
 * log keeps records), it logs how many and goes on from the log's start.
 */
public final class EventStoreWriter implements AutoCloseable {

    /** The consumer group whose committed offsets say how far the event store is. */
    public static final String GROUP = "$events";

    private static final Logger log = LoggerFactory.getLogger(EventStoreWriter.class);
    private static final int MAX_RECORDS = 2_000;
    private static final int MAX_BYTES = 4 << 20;
    private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final TelemetryLog telemetryLog;
    private final EventStore events;
    private final Journal journal;
    private final ConsumerOffsets offsets;
    private final Map<Integer, LogConsumer> consumers = new HashMap<>();
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final LongAdder indexed = new LongAdder();
    private final Thread thread;
    private volatile boolean closed;

    public EventStoreWriter(TelemetryStores stores) {
        this.offsets = stores.consumerOffsets();
        this.telemetryLog = stores.telemetryLog();
        this.events = stores.events();
        this.journal = stores.journal();
        this.thread = new Thread(this::run, "thingbus-event-indexer");
        thread.setDaemon(true);
    }

    /** Starts indexing from the group's committed offsets. */
    public void start() {
        telemetryLog.addListener((partition, endOffset) -> {
            if (!signalled.getAndSet(true)) {
                LockSupport.unpark(thread);
            }
        });
        thread.start();
    }

    /** Events indexed since the start. */
    public long indexedCount() {
        return indexed.sum();
    }

    /** Stops after the batch in progress and waits for the thread. Close it before the stores. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        boolean failing = false;
        while (!closed) {
            signalled.set(false);
            int count;
            try {
                count = indexAvailable();
                failing = false;
            } catch (RuntimeException e) {
                if (!failing) {
                    log.error("Indexing telemetry into the event store failed; retrying every second", e);
                }
                failing = true;
                count = 0;
            }
            if (count == 0 && !signalled.get()) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
        }
    }

    /** One pass over every partition of the log: indexes one batch of each. Returns how many events. */
    private int indexAvailable() {
        int count = 0;
        for (int partition : telemetryLog.partitions()) {
            LogConsumer consumer = consumers.computeIfAbsent(partition,
                    p -> new LogConsumer(telemetryLog, offsets, GROUP, p));
            long from = consumer.position();
            TelemetryBatch batch = consumer.poll(MAX_RECORDS, MAX_BYTES);
            if (batch.truncated()) {
                long lost = (batch.isEmpty() ? batch.nextOffset() : batch.records().get(0).offset()) - from;
                log.warn("[partition={}] {} telemetry records were removed by the log's retention before the event store"
                        + " indexed them; indexing goes on from offset {}", partition, lost, from + lost);
            }
            if (consumer.position() != from) {
                journal.atomically(() -> {
                    events.add(batch.records());
                    consumer.commit();
                });
                count += batch.records().size();
                indexed.add(batch.records().size());
            }
        }
        return count;
    }
}
