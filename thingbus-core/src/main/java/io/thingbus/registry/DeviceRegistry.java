package io.thingbus.registry;

import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The device registry: registers devices with fresh keys and a partition, changes their status,
 * tags, parent and credentials, removes them, and tells {@link DeviceListener}s of every change once
 * it is durable. Writes serialize on this object; reads go straight to the store.
 */
public final class DeviceRegistry {

    /** Bytes of randomness in a generated symmetric key. */
    public static final int KEY_BYTES = 32;
    private static final int SCAN_PAGE = 1000;

    private final DeviceStore store;
    private final PartitionAllocator allocator;
    private final Clock clock;
    private final SecureRandom random;
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();

    public DeviceRegistry(DeviceStore store, PartitionAllocator allocator, Clock clock, SecureRandom random) {
        this.store = store;
        this.allocator = allocator;
        this.clock = clock;
        this.random = random;
    }

    /** Adds a listener told of every later change. */
    public void addListener(DeviceListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public Optional<Device> find(String id) {
        return store.find(id);
    }

    /** The device, or {@link ErrorCode#NOT_FOUND}. */
    public Device require(String id) {
        return store.find(id).orElseThrow(() -> new ThingbusException(ErrorCode.NOT_FOUND, "no device '" + id + "'"));
    }

    /** Up to {@code limit} devices in id order after {@code afterId} (null: from the first). */
    public List<Device> list(String afterId, int limit) {
        return store.list(afterId, limit);
    }

    public long count() {
        return store.count();
    }

    /**
     * Registers a device with two fresh keys, enabled, in the partition the allocator chooses (or
     * {@code partition} when not negative, as provisioning decides it).
     *
     * @throws ThingbusException {@link ErrorCode#CONFLICT} when the id is taken, {@link ErrorCode#BAD_REQUEST}
     *                           when the id is invalid or the parent is unknown or itself has a parent
     */
    public Device create(String id, Map<String, String> tags, String parentId, int partition) {
        return create(id, tags, parentId, partition, DeviceCredentials.keys(newKey(), newKey()));
    }

    /**
     * As {@link #create(String, Map, String, int)}, with the keys (and thumbprints) given instead of
     * fresh ones: provisioning registers a device with the key it already holds (its enrollment's key,
     * or the key derived from its group's key), so it can sign its first SAS token without being told one.
     */
    public synchronized Device create(String id, Map<String, String> tags, String parentId, int partition,
                                      DeviceCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        try {
            Device.requireValidId(id);
        } catch (IllegalArgumentException invalid) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, invalid.getMessage());
        }
        if (store.find(id).isPresent()) {
            throw new ThingbusException(ErrorCode.CONFLICT, "a device '" + id + "' already exists");
        }
        requireParent(id, parentId);
        Instant now = clock.instant();
        int assigned = partition >= 0 ? partition : allocator.allocate(id, tags);
        Device device = new Device(id, DeviceStatus.ENABLED, credentials, tags, parentId, assigned, now, now);
        store.put(device);
        notifyListeners(null, device);
        return device;
    }

    /** Enables or disables a device; disabling closes its connections (through the listeners). */
    public synchronized Device setStatus(String id, DeviceStatus status) {
        Device before = require(id);
        return before.status() == status ? before : replace(before, before.withStatus(status, clock.instant()));
    }

    /** Replaces a device's tags. */
    public synchronized Device setTags(String id, Map<String, String> tags) {
        Device before = require(id);
        return replace(before, before.withTags(tags, clock.instant()));
    }

    /** Makes {@code parentId} (null: none) the gateway of a device. */
    public synchronized Device setParent(String id, String parentId) {
        Device before = require(id);
        requireParent(id, parentId);
        if (parentId != null && hasChildren(id)) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "'" + id + "' is a gateway with children; gateways"
                    + " are one level deep, so it cannot have a parent");
        }
        return replace(before, before.withParent(parentId, clock.instant()));
    }

    /** Replaces one key with a fresh one; connections authenticated with the old key are closed. */
    public synchronized Device regenerateKey(String id, KeyName which) {
        Device before = require(id);
        DeviceCredentials credentials = before.credentials();
        DeviceCredentials renewed = which == KeyName.PRIMARY
                ? credentials.withKeys(newKey(), credentials.secondaryKey())
                : credentials.withKeys(credentials.primaryKey(), newKey());
        return replace(before, before.withCredentials(renewed, clock.instant()));
    }

    /** Sets the X.509 thumbprints a device may present (either may be null). */
    public synchronized Device setThumbprints(String id, String primary, String secondary) {
        Device before = require(id);
        return replace(before, before.withCredentials(before.credentials().withThumbprints(primary, secondary),
                clock.instant()));
    }

    /** Removes a device; its connections are closed. {@link ErrorCode#NOT_FOUND} when unknown. */
    public synchronized void delete(String id) {
        Device before = require(id);
        store.remove(id);
        notifyListeners(before, null);
    }

    /** Which of a device's two symmetric keys. */
    public enum KeyName {
        PRIMARY,
        SECONDARY
    }

    private Device replace(Device before, Device after) {
        store.put(after);
        notifyListeners(before, after);
        return after;
    }

    private void requireParent(String id, String parentId) {
        if (parentId == null) {
            return;
        }
        if (parentId.equals(id)) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "a device cannot be its own parent");
        }
        Device parent = store.find(parentId).orElseThrow(() -> new ThingbusException(ErrorCode.BAD_REQUEST,
                "parent '" + parentId + "' is not a registered device"));
        if (parent.parentId() != null) {
            throw new ThingbusException(ErrorCode.BAD_REQUEST, "parent '" + parentId + "' has a parent itself; "
                    + "gateways are one level deep");
        }
    }

    /** Whether any device names {@code id} as its parent: a scan, for the rare change of a parent. */
    private boolean hasChildren(String id) {
        String after = null;
        for (List<Device> page = store.list(null, SCAN_PAGE); !page.isEmpty(); page = store.list(after, SCAN_PAGE)) {
            for (Device device : page) {
                if (id.equals(device.parentId())) {
                    return true;
                }
            }
            after = page.getLast().id();
        }
        return false;
    }

    private String newKey() {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private void notifyListeners(Device before, Device after) {
        for (DeviceListener listener : listeners) {
            listener.deviceChanged(before, after);
        }
    }
}
