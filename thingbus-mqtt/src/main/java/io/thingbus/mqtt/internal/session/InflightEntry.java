package io.thingbus.mqtt.internal.session;

/** A QoS 1/2 PUBLISH sent to the client and not yet completed. Guarded by its session's lock. */
final class InflightEntry {

    final int packetId;
    final OutboundPublish publish;
    /** True once the client PUBREC'd a QoS 2 message and the hub sent PUBREL: only PUBCOMP is awaited. */
    boolean released;

    InflightEntry(int packetId, OutboundPublish publish) {
        this.packetId = packetId;
        this.publish = publish;
    }
}
