package io.thingbus.http.internal.telemetry;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.telemetry.TelemetryPosition;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a telemetry stream is, as the SSE {@code id} carries it and {@code Last-Event-ID} brings it back:
 * {@code partition:offset} of the last record the stream passed in each partition it read, comma-separated,
 * partitions ascending ({@code 0:41,3:1042}). A stream of one partition has the plain {@code 3:1042} of
 * the event itself. A partition the stream passed nothing of yet is left out.
 */
final class StreamPositions {

    /** A Last-Event-ID longer than this is refused: 1,024 partitions fit with room to spare. */
    static final int MAX_LENGTH = 32 * 1024;

    private StreamPositions() {
    }

    /**
     * The last offset passed per partition.
     *
     * @throws ThingbusException BAD_REQUEST when {@code text} is not such a list
     */
    static Map<Integer, Long> parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw invalid("it is longer than " + MAX_LENGTH + " characters");
        }
        Map<Integer, Long> positions = new TreeMap<>();
        for (String item : text.split(",", -1)) {
            TelemetryPosition position;
            try {
                position = TelemetryPosition.parse(item.strip());
            } catch (IllegalArgumentException malformed) {
                throw invalid(malformed.getMessage());
            }
            if (positions.put(position.partition(), position.offset()) != null) {
                throw invalid("partition " + position.partition() + " is named twice");
            }
        }
        return positions;
    }

    /** The id of a stream at {@code next} (per partition index, the next offset to read of {@code partitions[i]}). */
    static String format(int[] partitions, long[] next) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < partitions.length; i++) {
            if (next[i] > 0) {
                if (!id.isEmpty()) {
                    id.append(',');
                }
                id.append(partitions[i]).append(':').append(next[i] - 1);
            }
        }
        return id.toString();
    }

    private static ThingbusException invalid(String reason) {
        return new ThingbusException(ErrorCode.BAD_REQUEST, "Last-Event-ID (or lastEventId) is a comma-separated list"
                + " of partition:offset: " + reason);
    }
}
