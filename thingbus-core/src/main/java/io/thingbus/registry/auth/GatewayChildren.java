package io.thingbus.registry.auth;

import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceListener;
import io.thingbus.registry.DeviceStore;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which enabled devices each gateway may act for: the registry's devices whose {@code parentId} is
 * the gateway. Kept current as a {@link DeviceListener}, so a gateway's ACL, compiled once at
 * connect, serves a child added (or disabled, or moved) later.
 *
 * <p>Each gateway's children are a sorted array replaced on every change (copy on write: children
 * change rarely, and are read on every PUBLISH and SUBSCRIBE), looked up by binary search on the
 * id's region in the topic, without allocating. Lookups are lock-free; changes serialize.
 */
public final class GatewayChildren implements DeviceListener {

    private static final int PAGE = 1_000;
    private static final String[] NONE = new String[0];

    private final ConcurrentHashMap<String, String[]> childrenByGateway = new ConcurrentHashMap<>();

    /**
     * The index of every device now in {@code store}. Register it with the registry
     * ({@code DeviceRegistry.addListener}) before the registry takes writes, so no change is missed.
     */
    public static GatewayChildren load(DeviceStore store) {
        GatewayChildren index = new GatewayChildren();
        String after = null;
        List<Device> page;
        do {
            page = store.list(after, PAGE);
            for (Device device : page) {
                index.deviceChanged(null, device);
                after = device.id();
            }
        } while (page.size() == PAGE);
        return index;
    }

    @Override
    public synchronized void deviceChanged(Device before, Device after) {
        if (before != null && before.parentId() != null) {
            update(before.parentId(), before.id(), false);
        }
        if (after != null && after.parentId() != null && after.isEnabled()) {
            update(after.parentId(), after.id(), true);
        }
    }

    /** Whether {@code childId} is an enabled child of {@code gatewayId}. */
    public boolean isChild(String gatewayId, String childId) {
        return isChild(gatewayId, childId, 0, childId.length());
    }

    /** Whether the id {@code text[start, end)} is an enabled child of {@code gatewayId}; allocates nothing. */
    boolean isChild(String gatewayId, String text, int start, int end) {
        String[] children = childrenByGateway.get(gatewayId);
        if (children == null) {
            return false;
        }
        int low = 0;
        int high = children.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = compare(children[middle], text, start, end);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private void update(String gatewayId, String childId, boolean add) {
        String[] current = childrenByGateway.getOrDefault(gatewayId, NONE);
        int index = Arrays.binarySearch(current, childId);
        if (add == index >= 0) {
            return;
        }
        String[] next;
        if (add) {
            int insertion = -index - 1;
            next = new String[current.length + 1];
            System.arraycopy(current, 0, next, 0, insertion);
            next[insertion] = childId;
            System.arraycopy(current, insertion, next, insertion + 1, current.length - insertion);
        } else {
            next = new String[current.length - 1];
            System.arraycopy(current, 0, next, 0, index);
            System.arraycopy(current, index + 1, next, index, current.length - index - 1);
        }
        if (next.length == 0) {
            childrenByGateway.remove(gatewayId);
        } else {
            childrenByGateway.put(gatewayId, next);
        }
    }

    /** {@code String.compareTo} of {@code id} against the region {@code text[start, end)}. */
    private static int compare(String id, String text, int start, int end) {
        int length = Math.min(id.length(), end - start);
        for (int i = 0; i < length; i++) {
            int difference = id.charAt(i) - text.charAt(start + i);
            if (difference != 0) {
                return difference;
            }
        }
        return id.length() - (end - start);
    }
}
