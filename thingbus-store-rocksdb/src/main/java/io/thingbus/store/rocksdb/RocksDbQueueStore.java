package io.thingbus.store.rocksdb;

import io.thingbus.storage.QueueStore;
import io.thingbus.storage.QueuedMessage;
import java.util.Arrays;

/**
 * {@link QueueStore} in the {@code queues} column family.
 *
 * <p>Key: the client-id prefix of {@link ClientKeys}, then the sequence number in 8 bytes big-endian
 * with its sign bit flipped, so unsigned key order is numeric order (negative numbers first). A
 * queue is one contiguous key range: {@link #removeAll} is one range delete, {@link #forEachEntry}
 * one range scan. Value: {@link QueuedMessageCodec}.
 */
final class RocksDbQueueStore implements QueueStore {

    private final ColumnFamily queues;
    private final GroupCommitJournal journal;
    private final ColumnReader reader;

    RocksDbQueueStore(ColumnFamily queues, GroupCommitJournal journal, ColumnReader reader) {
        this.queues = queues;
        this.journal = journal;
        this.reader = reader;
    }

    static byte[] key(String clientId, long seq) {
        byte[] key = ClientKeys.key(clientId, 8);
        ClientKeys.putLong(key, key.length - 8, seq ^ Long.MIN_VALUE);
        return key;
    }

    static long seqOf(byte[] key) {
        return ClientKeys.getLong(key, key.length - 8) ^ Long.MIN_VALUE;
    }

    @Override
    public void append(String clientId, long seq, QueuedMessage message) {
        journal.put(queues, key(clientId, seq), QueuedMessageCodec.encode(message));
    }

    @Override
    public QueuedMessage get(String clientId, long seq) {
        byte[] value = reader.get(queues, key(clientId, seq));
        return value == null ? null : QueuedMessageCodec.decode(value);
    }

    @Override
    public void remove(String clientId, long seq) {
        journal.delete(queues, key(clientId, seq));
    }

    @Override
    public void removeAll(String clientId) {
        byte[] prefix = ClientKeys.key(clientId, 0);
        journal.deleteRange(queues, prefix, ClientKeys.end(prefix));
    }

    @Override
    public void forEachQueue(QueueVisitor visitor) {
        QueueBounds bounds = new QueueBounds(visitor);
        reader.scan(queues, null, null, true, (key, value) -> bounds.add(key));
        bounds.finish();
    }

    @Override
    public void forEachEntry(String clientId, EntryVisitor visitor) {
        byte[] prefix = ClientKeys.key(clientId, 0);
        reader.scan(queues, prefix, ClientKeys.end(prefix), false,
                (key, value) -> visitor.visit(seqOf(key), QueuedMessageCodec.decode(value)));
    }

    /** Folds the keys of a whole-column scan, in key order, into one visit per queue. */
    private static final class QueueBounds {
        private final QueueVisitor visitor;
        private byte[] prefix;
        private long first;
        private long last;
        private long count;

        QueueBounds(QueueVisitor visitor) {
            this.visitor = visitor;
        }

        void add(byte[] key) {
            int prefixLength = key.length - 8;
            long seq = seqOf(key);
            if (prefix == null || !Arrays.equals(prefix, 0, prefix.length, key, 0, prefixLength)) {
                finish();
                prefix = Arrays.copyOf(key, prefixLength);
                first = seq;
                count = 0;
            }
            last = seq;
            count++;
        }

        void finish() {
            if (prefix != null) {
                visitor.visit(ClientKeys.clientId(prefix), first, last, count);
                prefix = null;
            }
        }
    }
}
