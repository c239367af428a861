package io.thingbus.http.internal.telemetry;

import io.thingbus.events.EventJson;
import io.thingbus.http.internal.routing.BodyStream;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.telemetry.TelemetryBatch;
import io.thingbus.telemetry.TelemetryLog;
import io.thingbus.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * One client's live telemetry as Server-Sent Events, read from the log: each event that passes the
 * filter is {@code id: <positions>}, {@code event: telemetry}, {@code data: <event JSON>}. The stream keeps
 * its own position per partition and reads on from it only when the pipeline asks (the connection is
 * writable), so a slow client leaves the records in the log instead of on the heap. Caught up, it waits for
 * the log to say that records became durable.
 *
 * <p>Records the filter drops still move the position; when a piece delivered none, it carries an id-only
 * message ({@code id:} and a blank line: no event, but {@code Last-Event-ID} moves). Records that
 * retention removed before the stream read them are reported in a comment line. Idle connections get a
 * comment line every {@link #heartbeatInterval()}.
 */
final class TelemetryStream implements BodyStream {

    /** Records looked at per piece, at most. */
    static final int MAX_SCAN = 1_000;
    /** Record bytes read per partition per piece, at most (one record always). */
    static final int MAX_READ_BYTES = 256 * 1024;

    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final TelemetryLog log;
    private final DurableSignals signals;
    private final int[] partitions;
    private final long[] next;
    private final TelemetryFilter filter;
    private final Duration heartbeatInterval;
    private DurableSignals.Subscription subscription;
    private boolean greeted;
    /** The partition index the next piece starts reading at, so that a busy partition cannot starve the others. */
    private int turn;

    /**
     * @param partitions the partitions read, ascending
     * @param next       per partition, the offset read next (this array is the stream's own from now on)
     */
    TelemetryStream(TelemetryLog log, DurableSignals signals, int[] partitions, long[] next, TelemetryFilter filter,
                    Duration heartbeatInterval) {
        this.log = log;
        this.signals = signals;
        this.partitions = partitions;
        this.next = next;
        this.filter = filter;
        this.heartbeatInterval = heartbeatInterval;
    }

    @Override
    public void open(Runnable wake) {
        BitSet read = new BitSet();
        for (int partition : partitions) {
            read.set(partition);
        }
        subscription = signals.subscribe(read, wake);
    }

    @Override
    public Chunk next() {
        StringBuilder out = new StringBuilder();
        if (!greeted) {
            greeted = true;
            out.append(": thingbus telemetry\n");
            appendId(out);
            return Chunk.of(out.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Boolean> tagMatches = new HashMap<>();
        int scanned = 0;
        boolean delivered = false;
        for (int k = 0; k < partitions.length && scanned < MAX_SCAN; k++) {
            int i = (turn + k) % partitions.length;
            TelemetryBatch batch = log.read(partitions[i], next[i], MAX_SCAN - scanned, MAX_READ_BYTES);
            if (batch.truncated()) {
                long resumed = batch.isEmpty() ? batch.nextOffset() : batch.records().getFirst().offset();
                out.append(": partition ").append(partitions[i]).append(": offsets ").append(next[i]).append(" to ")
                        .append(resumed - 1).append(" were removed by retention before this stream read them\n\n");
            }
            for (TelemetryRecord record : batch.records()) {
                next[i] = record.offset() + 1;
                scanned++;
                if (filter.matches(record, tagMatches)) {
                    out.append("id: ").append(StreamPositions.format(partitions, next)).append('\n')
                            .append("event: telemetry\n")
                            .append("data: ").append(new String(Json.write(EventJson.toJson(record)), StandardCharsets.UTF_8))
                            .append("\n\n");
                    delivered = true;
                }
            }
            next[i] = batch.nextOffset();
        }
        turn = (turn + 1) % partitions.length;
        if (scanned == 0 && out.isEmpty()) {
            return Chunk.NOTHING_YET;
        }
        if (!delivered) {
            appendId(out);
            out.append('\n');
        }
        return Chunk.of(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    @Override
    public byte[] heartbeat() {
        return HEARTBEAT;
    }

    @Override
    public void close() {
        if (subscription != null) {
            signals.unsubscribe(subscription);
        }
    }

    private void appendId(StringBuilder out) {
        String id = StreamPositions.format(partitions, next);
        if (!id.isEmpty()) {
            out.append("id: ").append(id).append('\n');
        }
    }
}
