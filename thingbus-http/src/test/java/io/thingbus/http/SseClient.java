package io.thingbus.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client on the JDK's HTTP client: a thread of its own reads lines and parses them as
 * the SSE specification does (fields id, event, data; a blank line dispatches; comments ignored), keeping
 * the last id as a browser would.
 */
final class SseClient implements AutoCloseable {

    /** One dispatched event; {@code data} null for an id-only message (no event, but the id moves). */
    record Event(String id, String type, String data) {
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile String lastEventId;

    SseClient(HttpClient client, HttpRequest request) throws Exception {
        response = client.send(request, BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
        Iterator<String> lines = response.body().iterator();
        reader = new Thread(() -> read(lines), "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next {@code count} events of type telemetry (id-only messages skipped), or fails after 10 s. */
    List<Event> take(int count) throws InterruptedException {
        List<Event> taken = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (taken.size() < count) {
            Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(event).as("event %d of %d within 10 s", taken.size() + 1, count).isNotNull();
            if (event.data() != null) {
                taken.add(event);
            }
        }
        return taken;
    }

    /** The events that arrived within {@code millis}, id-only ones left out. */
    List<Event> drain(long millis) throws InterruptedException {
        List<Event> drained = new ArrayList<>();
        Event event;
        while ((event = events.poll(millis, TimeUnit.MILLISECONDS)) != null) {
            if (event.data() != null) {
                drained.add(event);
            }
        }
        return drained;
    }

    /** The last id the stream set, as a browser would send it back in Last-Event-ID. */
    String lastEventId() {
        return lastEventId;
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }

    private void read(Iterator<String> lines) {
        String id = null;
        String type = null;
        StringBuilder data = null;
        try {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (id != null) {
                        lastEventId = id;
                    }
                    if (data != null || id != null) {
                        events.add(new Event(lastEventId, type == null ? "message" : type,
                                data == null ? null : data.toString()));
                    }
                    id = null;
                    type = null;
                    data = null;
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> type = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                            // retry and unknown fields: ignored
                        }
                    }
                }
            }
        } catch (RuntimeException closed) {
            // the test closed the stream
        }
    }
}
