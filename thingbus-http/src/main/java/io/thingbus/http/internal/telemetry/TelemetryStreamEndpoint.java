package io.thingbus.http.internal.telemetry;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.http.internal.routing.QueryParameters;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.registry.DeviceRegistry;
import io.thingbus.telemetry.TelemetryLog;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /api/v1/telemetry/stream?deviceId=&tag=name:value&partition=&lastEventId=}: live telemetry as
 * Server-Sent Events ({@link TelemetryStream}).
 *
 * <ul>
 *   <li>Partitions read: those of {@code partition} (comma-separated), else the device's own when
 *       {@code deviceId} is given, else all of the hub's.</li>
 *   <li>Start: without {@code Last-Event-ID} (header, or the {@code lastEventId} parameter for clients that
 *       cannot set headers), at the end of each partition: only what arrives from now on. With it, right
 *       after each position it names ({@link StreamPositions}), and at the start of the log for a partition
 *       it does not name (the stream had passed nothing of it).</li>
 * </ul>
 */
public final class TelemetryStreamEndpoint {

    /** Comment lines sent this often keep idle connections (and the proxies between) open. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    static final String EVENT_STREAM = "text/event-stream";
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private static final Set<String> PARAMETERS = Set.of("deviceId", "tag", "partition", "lastEventId");

    private final TelemetryLog log;
    private final DeviceRegistry registry;
    private final DurableSignals signals;
    private final int partitions;
    private final Duration heartbeatInterval;

    /**
     * @param partitions        the hub's partition count
     * @param heartbeatInterval how often an idle stream gets a comment line
     */
    public TelemetryStreamEndpoint(TelemetryLog log, DeviceRegistry registry, int partitions, Duration heartbeatInterval) {
        this.log = log;
        this.registry = registry;
        this.signals = new DurableSignals(log);
        this.partitions = partitions;
        this.heartbeatInterval = heartbeatInterval;
    }

    public Response stream(Request request) {
        QueryParameters query = QueryParameters.of(request, PARAMETERS);
        String deviceId = query.text("deviceId");
        int[] read = partitions(query.text("partition"), deviceId);
        TelemetryFilter filter = filter(deviceId, query.text("tag"));
        String lastEventId = request.headers().get(LAST_EVENT_ID);
        if (lastEventId == null) {
            lastEventId = query.text("lastEventId");
        }
        long[] next = start(read, lastEventId == null ? null : StreamPositions.parse(lastEventId));
        return Response.streamed(EVENT_STREAM, new TelemetryStream(log, signals, read, next, filter, heartbeatInterval))
                .withHeader("X-Accel-Buffering", "no");
    }

    private int[] partitions(String list, String deviceId) {
        if (list == null) {
            if (deviceId != null) {
                return new int[] {registry.require(deviceId).partition()};
            }
            int[] all = new int[partitions];
            for (int partition = 0; partition < partitions; partition++) {
                all[partition] = partition;
            }
            return all;
        }
        Set<Integer> chosen = new TreeSet<>();
        for (String item : list.split(",", -1)) {
            try {
                int partition = Integer.parseInt(item.strip());
                if (partition >= 0 && partition < partitions) {
                    chosen.add(partition);
                    continue;
                }
            } catch (NumberFormatException notANumber) {
                // answered below
            }
            throw badRequest("'partition' is a comma-separated list of partitions 0 to " + (partitions - 1)
                    + ", was '" + list + "'");
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private TelemetryFilter filter(String deviceId, String tag) {
        if (tag == null) {
            return new TelemetryFilter(registry, deviceId, null, null);
        }
        int colon = tag.indexOf(':');
        if (colon <= 0) {
            throw badRequest("'tag' is name:value, was '" + tag + "'");
        }
        return new TelemetryFilter(registry, deviceId, tag.substring(0, colon), tag.substring(colon + 1));
    }

    /** Per partition, the offset read first. */
    private long[] start(int[] read, Map<Integer, Long> resumeAfter) {
        long[] next = new long[read.length];
        for (int i = 0; i < read.length; i++) {
            if (resumeAfter == null) {
                next[i] = log.endOffset(read[i]);
            } else {
                Long last = resumeAfter.get(read[i]);
                next[i] = last == null ? log.startOffset(read[i]) : Math.min(last + 1, log.endOffset(read[i]));
            }
        }
        return next;
    }

    private static ThingbusException badRequest(String detail) {
        return new ThingbusException(ErrorCode.BAD_REQUEST, detail);
    }
}
