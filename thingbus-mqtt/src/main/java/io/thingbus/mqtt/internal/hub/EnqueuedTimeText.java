package io.thingbus.mqtt.internal.hub;

import java.time.Instant;

/**
 * Writes an epoch-millisecond time as {@link Instant#toString()} does ({@code 2026-11-22T04:22:13.250Z},
 * no fraction when it is a whole second) for every telemetry message routed, without a date-time
 * formatter each time: the text up to the seconds is kept for the last second seen (messages come
 * in bursts within one second), the milliseconds are appended.
 */
final class EnqueuedTimeText {

    /** The text of one whole second, without its {@code Z}. */
    private record Second(long epochSecond, String text) {
    }

    private volatile Second last = new Second(0, "1970-01-01T00:00:00");

    String of(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        int millis = (int) Math.floorMod(epochMillis, 1000);
        Second second = last;
        if (second.epochSecond() != epochSecond) {
            String whole = Instant.ofEpochSecond(epochSecond).toString();
            second = new Second(epochSecond, whole.substring(0, whole.length() - 1));
            last = second;
        }
        if (millis == 0) {
            return second.text() + 'Z';
        }
        return second.text() + '.' + (char) ('0' + millis / 100) + (char) ('0' + millis / 10 % 10)
                + (char) ('0' + millis % 10) + 'Z';
    }
}
