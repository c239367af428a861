package io.thingbus.http.internal.telemetry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.events.EventJson;
import io.thingbus.events.TelemetryStores;
import io.thingbus.http.internal.routing.JsonMembers;
import io.thingbus.http.internal.routing.Request;
import io.thingbus.http.internal.routing.Response;
import io.thingbus.telemetry.ConsumerOffsets;
import io.thingbus.telemetry.LogConsumer;
import io.thingbus.telemetry.TelemetryBatch;
import io.thingbus.telemetry.TelemetryLog;
import io.thingbus.telemetry.TelemetryRecord;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Consumer groups over HTTP, for batch jobs: fetch from the group's committed offsets, process, commit.
 * The hub keeps no cursor between calls: every fetch starts at the committed offset, so a job that dies
 * before committing reads the same records again (at least once), and one that commits resumes right after
 * what it committed. Groups are not owned: any reader may fetch and commit any group whose name does not
 * start with {@code $} (those are the hub's own, such as the event store's {@code $events}).
 *
 * <ul>
 *   <li>{@code POST /api/v1/consumer-groups/{group}/fetch} {@code {"partition"?, "maxRecords"?}}: records from
 *       the committed offset (the log's start when the group never committed) of one partition, or of every
 *       partition in turn until {@code maxRecords}; {@code {"group", "partitions": [{"partition", "fromOffset",
 *       "nextOffset", "truncated"}], "events": [...]}}. Commit {@code nextOffset} once processed.</li>
 *   <li>{@code POST /api/v1/consumer-groups/{group}/commit} {@code {"partition", "offset"}}: durable before the
 *       answer.</li>
 *   <li>{@code GET /api/v1/consumer-groups/{group}}: per partition the committed offset, the log's start and
 *       end, and the lag.</li>
 * </ul>
 */
public final class ConsumerGroupEndpoints {

    static final int DEFAULT_MAX_RECORDS = 100;
    static final int MAX_RECORDS = 10_000;
    /** The most record bytes one fetch answers with (at least one record, whatever its size). */
    static final int MAX_FETCH_BYTES = 4 << 20;

    private static final Set<String> FETCH_MEMBERS = Set.of("partition", "maxRecords");
    private static final Set<String> COMMIT_MEMBERS = Set.of("partition", "offset");

    private final TelemetryStores stores;
    private final TelemetryLog log;
    private final ConsumerOffsets offsets;
    private final int partitions;

    /** @param partitions the hub's partition count */
    public ConsumerGroupEndpoints(TelemetryStores stores, int partitions) {
        this.stores = stores;
        this.log = stores.telemetryLog();
        this.offsets = stores.consumerOffsets();
        this.partitions = partitions;
    }

    public Response fetch(Request request) {
        String group = group(request);
        JsonMembers members = request.hasBody() ? JsonMembers.of(request.jsonObject(), FETCH_MEMBERS) : null;
        long maxRecords = members == null ? DEFAULT_MAX_RECORDS : members.optionalLong("maxRecords", DEFAULT_MAX_RECORDS);
        if (maxRecords < 1 || maxRecords > MAX_RECORDS) {
            throw badRequest("'maxRecords' is 1 to " + MAX_RECORDS + ", was " + maxRecords);
        }
        int first = 0;
        int last = partitions - 1;
        if (members != null && members.has("partition") && !members.isNull("partition")) {
            first = partition(members);
            last = first;
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("group", group);
        ArrayNode read = answer.putArray("partitions");
        ArrayNode events = answer.putArray("events");
        int remaining = (int) maxRecords;
        int remainingBytes = MAX_FETCH_BYTES;
        for (int partition = first; partition <= last && remaining > 0 && remainingBytes > 0; partition++) {
            LogConsumer consumer = new LogConsumer(log, offsets, group, partition);
            long from = consumer.position();
            TelemetryBatch batch = consumer.poll(remaining, remainingBytes);
            ObjectNode state = read.addObject();
            state.put("partition", partition);
            state.put("fromOffset", from);
            state.put("nextOffset", batch.nextOffset());
            state.put("truncated", batch.truncated());
            for (TelemetryRecord record : batch.records()) {
                events.add(EventJson.toJson(record));
                remainingBytes -= (int) Math.min(record.size(), remainingBytes);
            }
            remaining -= batch.records().size();
        }
        return Response.ok(answer);
    }

    public Response commit(Request request) {
        String group = group(request);
        JsonMembers members = JsonMembers.of(request.jsonObject(), COMMIT_MEMBERS);
        int partition = partition(members);
        if (!members.has("offset") || members.isNull("offset")) {
            throw badRequest("'offset' is required: the nextOffset of the last fetch processed");
        }
        long offset = members.optionalLong("offset", 0);
        long end = log.endOffset(partition);
        if (offset < 0 || offset > end) {
            throw badRequest("'offset' is 0 to the partition's end (" + end + "), was " + offset);
        }
        offsets.commit(group, partition, offset);
        awaitDurable();
        return Response.ok(state(group, partition));
    }

    public Response show(Request request) {
        String group = group(request);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("group", group);
        ArrayNode states = answer.putArray("partitions");
        long lag = 0;
        for (int partition = 0; partition < partitions; partition++) {
            ObjectNode state = state(group, partition);
            lag += state.get("lag").asLong();
            states.add(state);
        }
        answer.put("lag", lag);
        return Response.ok(answer);
    }

    private ObjectNode state(String group, int partition) {
        OptionalLong committed = offsets.committed(group, partition);
        long start = log.startOffset(partition);
        long end = log.endOffset(partition);
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.put("partition", partition);
        if (committed.isPresent()) {
            state.put("committedOffset", committed.getAsLong());
        } else {
            state.putNull("committedOffset");
        }
        state.put("startOffset", start);
        state.put("endOffset", end);
        state.put("lag", Math.max(0, end - Math.max(start, committed.orElse(start))));
        return state;
    }

    private int partition(JsonMembers members) {
        if (!members.has("partition") || members.isNull("partition")) {
            throw badRequest("'partition' is required");
        }
        long partition = members.optionalLong("partition", 0);
        if (partition < 0 || partition >= partitions) {
            throw badRequest("'partition' is 0 to " + (partitions - 1) + ", was " + partition);
        }
        return (int) partition;
    }

    private static String group(Request request) {
        String group = request.pathParameter("group");
        try {
            ConsumerOffsets.requireValidGroup(group);
        } catch (IllegalArgumentException invalid) {
            throw badRequest(invalid.getMessage());
        }
        if (group.startsWith("$")) {
            throw new ThingbusException(ErrorCode.NOT_AUTHORIZED, "consumer groups whose name starts with $ are the hub's own");
        }
        return group;
    }

    private void awaitDurable() {
        try {
            stores.journal().barrier().get();
        } catch (ExecutionException failed) {
            throw new ThingbusException(ErrorCode.SERVER_UNAVAILABLE, "the commit could not be made durable; retry");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ThingbusException(ErrorCode.SERVER_SHUTTING_DOWN, "the hub is stopping; retry");
        }
    }

    private static ThingbusException badRequest(String detail) {
        return new ThingbusException(ErrorCode.BAD_REQUEST, detail);
    }
}
