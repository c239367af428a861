package io.thingbus.http.internal.connectivity;

import io.thingbus.http.internal.routing.BodyStream;
import io.thingbus.http.internal.routing.Json;
import io.thingbus.registry.ConnectivityTracker;
import io.thingbus.registry.LoggedConnectivityEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One client's live connectivity events as Server-Sent Events: {@code id: <seq>},
 * {@code event: connectivity}, {@code data: <event JSON>}. It reads the kept log from its own position
 * when the pipeline asks (the connection is writable), so a slow client leaves events in the log, not
 * on the heap; caught up, it waits for the tracker's next event. Events the log no longer keeps are
 * reported in a comment line.
 */
final class ConnectivityStream implements BodyStream {

    /** Events written per piece, at most. */
    static final int PAGE = 100;

    private static final byte[] HEARTBEAT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final ConnectivityTracker tracker;
    private final Duration heartbeatInterval;
    private long after;
    private boolean greeted;
    private ConnectivityTracker.Subscription subscription;

    /** @param after the sequence number the client has seen: the stream starts with the next one */
    ConnectivityStream(ConnectivityTracker tracker, long after, Duration heartbeatInterval) {
        this.tracker = tracker;
        this.after = after;
        this.heartbeatInterval = heartbeatInterval;
    }

    @Override
    public void open(Runnable wake) {
        subscription = tracker.subscribe(event -> wake.run());
    }

    @Override
    public Chunk next() {
        StringBuilder out = new StringBuilder();
        if (!greeted) {
            greeted = true;
            out.append(": thingbus connectivity\n").append("id: ").append(after).append("\n\n");
        }
        List<LoggedConnectivityEvent> events = tracker.events(after, PAGE);
        if (!events.isEmpty() && events.getFirst().seq() > after + 1) {
            out.append(": ").append(events.getFirst().seq() - after - 1)
                    .append(" events are no longer kept and were skipped\n\n");
        }
        for (LoggedConnectivityEvent logged : events) {
            out.append("id: ").append(logged.seq()).append('\n')
                    .append("event: connectivity\n")
                    .append("data: ").append(new String(Json.write(ConnectivityEndpoints.view(logged)),
                            StandardCharsets.UTF_8)).append("\n\n");
            after = logged.seq();
        }
        return out.isEmpty() ? Chunk.NOTHING_YET : Chunk.of(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    @Override
    public byte[] heartbeat() {
        return HEARTBEAT.clone();
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
