package io.thingbus.events;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;

/**
 * Where the next page of an event query begins: just after {@code last} in the query's order. Sent
 * to clients as an opaque string ({@link #encode()}, URL-safe base64 of a versioned binary form);
 * clients must not build or change one.
 *
 * @param order the order of the query it continues
 * @param last  the last event of the previous page
 */
public record EventCursor(EventOrder order, EventKey last) {

    private static final int VERSION = 1;
    private static final int LENGTH = 1 + 1 + 8 + 2 + 8;

    public EventCursor {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(last, "last");
    }

    /** The opaque string form. */
    public String encode() {
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH)
                .put((byte) VERSION)
                .put((byte) order.ordinal())
                .putLong(last.enqueuedTime())
                .putShort((short) last.partition())
                .putLong(last.offset());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /**
     * Reads what {@link #encode()} wrote.
     *
     * @throws IllegalArgumentException when {@code text} is not a cursor this hub made
     */
    public static EventCursor decode(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
        if (bytes.length != LENGTH || bytes[0] != VERSION || bytes[1] < 0 || bytes[1] >= EventOrder.values().length) {
            throw notACursor();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 2, LENGTH - 2);
        long time = buffer.getLong();
        int partition = Short.toUnsignedInt(buffer.getShort());
        long offset = buffer.getLong();
        if (time < 0 || offset < 0) {
            throw notACursor();
        }
        return new EventCursor(EventOrder.values()[bytes[1]], new EventKey(time, partition, offset));
    }

    private static IllegalArgumentException notACursor() {
        return new IllegalArgumentException("not a cursor of this hub: pass the cursor of the previous page unchanged");
    }
}
