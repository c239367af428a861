package io.thingbus.store.rocksdb;

import io.thingbus.registry.Device;
import io.thingbus.registry.DeviceStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link DeviceStore} in the {@code devices} column family. Key: the device id in UTF-8 (so key order
 * is id order for the ASCII ids devices have). Value: {@link DeviceCodec}. Writes go through the
 * journal and wait for its barrier, so they are durable when they return; the count is kept in
 * memory, taken with one scan at open.
 */
final class RocksDbDeviceStore implements DeviceStore {

    private final ColumnFamily devices;
    private final GroupCommitJournal journal;
    private final ColumnReader reader;
    private final AtomicLong count = new AtomicLong();

    RocksDbDeviceStore(ColumnFamily devices, GroupCommitJournal journal, ColumnReader reader) {
        this.devices = devices;
        this.journal = journal;
        this.reader = reader;
        reader.scan(devices, null, null, true, (key, value) -> count.incrementAndGet());
    }

    @Override
    public Optional<Device> find(String id) {
        byte[] value = reader.get(devices, key(id));
        return value == null ? Optional.empty() : Optional.of(DeviceCodec.decode(id, value));
    }

    @Override
    public synchronized void put(Device device) {
        byte[] key = key(device.id());
        boolean added = reader.get(devices, key) == null;
        journal.put(devices, key, DeviceCodec.encode(device));
        if (added) {
            count.incrementAndGet();
        }
        journal.barrier().join();
    }

    @Override
    public synchronized boolean remove(String id) {
        byte[] key = key(id);
        if (reader.get(devices, key) == null) {
            return false;
        }
        journal.delete(devices, key);
        count.decrementAndGet();
        journal.barrier().join();
        return true;
    }

    @Override
    public List<Device> list(String afterId, int limit) {
        List<Device> page = new ArrayList<>(Math.min(limit, 1024));
        byte[] from = afterId == null ? null : successor(key(afterId));
        if (limit <= 0) {
            return page;
        }
        reader.scanWhile(devices, from, null, false, (key, value) -> {
            page.add(DeviceCodec.decode(new String(key, StandardCharsets.UTF_8), value));
            return page.size() < limit;
        });
        return page;
    }

    @Override
    public long count() {
        return count.get();
    }

    private static byte[] key(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    /** The smallest key after {@code key}: the key with a zero byte appended. */
    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
