package io.thingbus.mqtt.internal.routing;

/**
 * What routing one message did.
 *
 * @param reached sessions it was handed to
 * @param refused of those, sessions whose queue was full so the message was not queued for them
 */
public record PublishOutcome(int reached, int refused) {

    /** True when the message was refused by every session it reached (and it reached at least one). */
    public boolean refusedByAll() {
        return reached > 0 && refused == reached;
    }
}
