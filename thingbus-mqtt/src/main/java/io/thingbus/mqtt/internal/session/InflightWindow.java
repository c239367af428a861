package io.thingbus.mqtt.internal.session;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The QoS 1/2 messages in flight towards one client, in send order, and the packet identifiers
 * they hold. Not thread-safe: guarded by the owning session's lock.
 */
final class InflightWindow {

    private static final int MAX_PACKET_ID = 65_535;

    private final Map<Integer, InflightEntry> entries = new LinkedHashMap<>();
    private int lastPacketId;

    int size() {
        return entries.size();
    }

    /** Takes the next free packet identifier and records the publish under it. */
    InflightEntry add(OutboundPublish publish) {
        if (entries.size() >= MAX_PACKET_ID) {
            throw new IllegalStateException("all packet identifiers are in use");
        }
        int candidate = lastPacketId;
        do {
            candidate = candidate == MAX_PACKET_ID ? 1 : candidate + 1;
        } while (entries.containsKey(candidate));
        lastPacketId = candidate;
        InflightEntry entry = new InflightEntry(candidate, publish);
        entries.put(candidate, entry);
        return entry;
    }

    /** Puts back an entry under its known packet id (start-up). */
    InflightEntry restore(int packetId, OutboundPublish publish) {
        InflightEntry entry = new InflightEntry(packetId, publish);
        entries.put(packetId, entry);
        lastPacketId = Math.max(lastPacketId, packetId);
        return entry;
    }

    void clear() {
        entries.clear();
    }

    InflightEntry get(int packetId) {
        return entries.get(packetId);
    }

    InflightEntry remove(int packetId) {
        return entries.remove(packetId);
    }

    /** Entries in the order they were first sent, for redelivery on reconnect. */
    Collection<InflightEntry> inSendOrder() {
        return entries.values();
    }
}
