package io.thingbus.registry;

import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Devices on the heap only: for tests and hubs without a data directory. */
public final class InMemoryDeviceStore implements DeviceStore {

    private final ConcurrentSkipListMap<String, Device> devices = new ConcurrentSkipListMap<>();

    @Override
    public Optional<Device> find(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    @Override
    public void put(Device device) {
        devices.put(device.id(), device);
    }

    @Override
    public boolean remove(String id) {
        return devices.remove(id) != null;
    }

    @Override
    public List<Device> list(String afterId, int limit) {
        NavigableMap<String, Device> tail = afterId == null ? devices : devices.tailMap(afterId, false);
        return tail.values().stream().limit(limit).toList();
    }

    @Override
    public long count() {
        return devices.size();
    }
}
