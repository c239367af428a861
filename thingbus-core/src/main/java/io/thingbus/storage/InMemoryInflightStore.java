package io.thingbus.storage;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** {@link InflightStore} on the heap. Thread-safe. */
public final class InMemoryInflightStore implements InflightStore {

    private final ConcurrentHashMap<String, ConcurrentSkipListMap<Integer, InflightMessage>> outbound = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Integer>> inbound = new ConcurrentHashMap<>();

    @Override
    public void putOutbound(String clientId, InflightMessage message) {
        outbound.computeIfAbsent(clientId, id -> new ConcurrentSkipListMap<>()).put(message.packetId(), message);
    }

    @Override
    public void removeOutbound(String clientId, int packetId) {
        outbound.computeIfPresent(clientId, (id, map) -> {
            map.remove(packetId);
            return map.isEmpty() ? null : map;
        });
    }

    @Override
    public void putInbound(String clientId, int packetId) {
        inbound.computeIfAbsent(clientId, id -> new ConcurrentSkipListSet<>()).add(packetId);
    }

    @Override
    public void removeInbound(String clientId, int packetId) {
        inbound.computeIfPresent(clientId, (id, set) -> {
            set.remove(packetId);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void removeAll(String clientId) {
        outbound.remove(clientId);
        inbound.remove(clientId);
    }

    @Override
    public void forEachOutbound(String clientId, Consumer<InflightMessage> consumer) {
        ConcurrentSkipListMap<Integer, InflightMessage> map = outbound.get(clientId);
        if (map != null) {
            map.values().forEach(consumer);
        }
    }

    @Override
    public void forEachInbound(String clientId, IntConsumer consumer) {
        Set<Integer> set = inbound.get(clientId);
        if (set != null) {
            set.forEach(consumer::accept);
        }
    }
}
