package io.thingbus.storage;

/**
 * A QoS 1/2 message sent to a client and not yet completed.
 *
 * @param packetId the packet identifier it was sent with
 * @param message  the queued message it was
 * @param released true once the client PUBREC'd a QoS 2 message and the hub sent PUBREL
 */
public record InflightMessage(int packetId, QueuedMessage message, boolean released) {
}
