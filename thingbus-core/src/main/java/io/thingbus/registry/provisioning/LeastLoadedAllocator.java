package io.thingbus.registry.provisioning;

import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceListener;
import io.thingbus.registry.DeviceStore;
import io.thingbus.registry.PartitionAllocator;
import java.util.List;
import java.util.Map;

/**
 * Allocates the partition that holds the fewest devices (ties: the lowest number). Counts are loaded
 * once from the device store and then follow the registry as its {@link DeviceListener}: a create
 * adds one to the device's partition, a delete takes one away. Devices in partitions at or above the
 * configured count (after {@code --partitions} was lowered) are not counted.
 *
 * <p>Allocation and the create it leads to are two steps: two devices created at the same moment on
 * different threads may both get the same partition. The imbalance is one device and the next
 * allocation corrects it.
 */
public final class LeastLoadedAllocator implements PartitionAllocator, DeviceListener {

    /** Devices read per page when loading the counts. */
    static final int LOAD_PAGE = 1000;

    private final long[] counts;

    private LeastLoadedAllocator(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        this.counts = new long[partitions];
    }

    /**
     * Counts the devices of {@code store} per partition, in pages. Register the allocator as a listener
     * of the registry over the same store before the registry takes writes, so no change is missed.
     */
    public static LeastLoadedAllocator count(DeviceStore store, int partitions) {
        LeastLoadedAllocator allocator = new LeastLoadedAllocator(partitions);
        String after = null;
        List<Device> page;
        do {
            page = store.list(after, LOAD_PAGE);
            for (Device device : page) {
                allocator.add(device.partition(), 1);
            }
            after = page.isEmpty() ? after : page.getLast().id();
        } while (page.size() == LOAD_PAGE);
        return allocator;
    }

    public int partitions() {
        return counts.length;
    }

    @Override
    public synchronized int allocate(String deviceId, Map<String, String> tags) {
        int least = 0;
        for (int partition = 1; partition < counts.length; partition++) {
            if (counts[partition] < counts[least]) {
                least = partition;
            }
        }
        return least;
    }

    @Override
    public void deviceChanged(Device before, Device after) {
        if (before == null && after != null) {
            add(after.partition(), 1);
        } else if (before != null && after == null) {
            add(before.partition(), -1);
        }
    }

    /** The number of devices in each partition now. */
    public synchronized long[] counts() {
        return counts.clone();
    }

    private synchronized void add(int partition, int delta) {
        if (partition < counts.length) {
            counts[partition] += delta;
        }
    }
}
