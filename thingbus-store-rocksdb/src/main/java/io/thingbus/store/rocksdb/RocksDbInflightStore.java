package io.thingbus.store.rocksdb;

import io.thingbus.storage.InflightMessage;
import io.thingbus.storage.InflightStore;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * {@link InflightStore} in the {@code inflight} column family.
 *
 * <p>Key: the client-id prefix of {@link ClientKeys}, a direction byte (1 outbound, 2 inbound), then
 * the packet id in 2 bytes big-endian. A session's exchanges are one contiguous key range (one range
 * delete for {@link #removeAll}), each direction a sub-range in packet-id order. Values:
 * {@link InflightCodec}.
 */
final class RocksDbInflightStore implements InflightStore {

    static final byte OUTBOUND = 1;
    static final byte INBOUND = 2;

    private final ColumnFamily inflight;
    private final GroupCommitJournal journal;
    private final ColumnReader reader;

    RocksDbInflightStore(ColumnFamily inflight, GroupCommitJournal journal, ColumnReader reader) {
        this.inflight = inflight;
        this.journal = journal;
        this.reader = reader;
    }

    static byte[] key(String clientId, byte direction, int packetId) {
        if (packetId < 0 || packetId > 0xFFFF) {
            throw new IllegalArgumentException("a packet id is 0 to 65535, was " + packetId);
        }
        byte[] key = ClientKeys.key(clientId, 3);
        key[key.length - 3] = direction;
        key[key.length - 2] = (byte) (packetId >>> 8);
        key[key.length - 1] = (byte) packetId;
        return key;
    }

    static int packetIdOf(byte[] key) {
        return ((key[key.length - 2] & 0xFF) << 8) | (key[key.length - 1] & 0xFF);
    }

    @Override
    public void putOutbound(String clientId, InflightMessage message) {
        journal.put(inflight, key(clientId, OUTBOUND, message.packetId()), InflightCodec.encodeOutbound(message));
    }

    @Override
    public void removeOutbound(String clientId, int packetId) {
        journal.delete(inflight, key(clientId, OUTBOUND, packetId));
    }

    @Override
    public void putInbound(String clientId, int packetId) {
        journal.put(inflight, key(clientId, INBOUND, packetId), InflightCodec.encodeInbound());
    }

    @Override
    public void removeInbound(String clientId, int packetId) {
        journal.delete(inflight, key(clientId, INBOUND, packetId));
    }

    @Override
    public void removeAll(String clientId) {
        byte[] prefix = ClientKeys.key(clientId, 0);
        journal.deleteRange(inflight, prefix, ClientKeys.end(prefix));
    }

    @Override
    public void forEachOutbound(String clientId, Consumer<InflightMessage> consumer) {
        scanDirection(clientId, OUTBOUND,
                (key, value) -> consumer.accept(InflightCodec.decodeOutbound(packetIdOf(key), value)));
    }

    @Override
    public void forEachInbound(String clientId, IntConsumer consumer) {
        scanDirection(clientId, INBOUND, (key, value) -> {
            InflightCodec.decodeInbound(value);
            consumer.accept(packetIdOf(key));
        });
    }

    private void scanDirection(String clientId, byte direction, ColumnReader.EntryVisitor visitor) {
        byte[] from = ClientKeys.key(clientId, 1);
        from[from.length - 1] = direction;
        reader.scan(inflight, from, ClientKeys.end(from), false, visitor);
    }
}
