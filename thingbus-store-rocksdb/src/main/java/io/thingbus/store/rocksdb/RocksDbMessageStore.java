package io.thingbus.store.rocksdb;

import io.thingbus.messaging.Message;
import io.thingbus.storage.MessageStore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * {@link MessageStore} in the {@code messages} column family. Key: the id in 8 bytes big-endian, so
 * key order is id order. Value: {@link MessageCodec}.
 *
 * <p>Ids come from a counter that starts, at open, above both the highest stored id and the high-water
 * mark in the {@code meta} column family. The mark keeps ids from being reused when the highest ones
 * were removed before a restart: removing an id above the recorded mark first records a new mark,
 * {@value #MARK_STEP} above the highest id given out so far (queued ahead of the delete, so it is
 * never less durable than the delete). The step spares a metadata write per removal when messages
 * come and go one by one; after a restart, ids skip at most that many values.
 */
final class RocksDbMessageStore implements MessageStore {

    /** How far ahead of the ids given out a recorded high-water mark reaches. */
    static final long MARK_STEP = 1 << 16;

    private final ColumnFamily messages;
    private final ColumnFamily meta;
    private final GroupCommitJournal journal;
    private final ColumnReader reader;
    private final AtomicLong lastId;
    private final ReentrantLock highWaterLock = new ReentrantLock();
    private volatile long recordedHighWater;

    /**
     * @param lastId           the highest id stored or recorded when the store opened
     * @param recordedHighWater the high-water mark recorded in {@code meta} (0 for none)
     */
    RocksDbMessageStore(ColumnFamily messages, ColumnFamily meta, GroupCommitJournal journal, ColumnReader reader,
                        long lastId, long recordedHighWater) {
        this.messages = messages;
        this.meta = meta;
        this.journal = journal;
        this.reader = reader;
        this.lastId = new AtomicLong(lastId);
        this.recordedHighWater = recordedHighWater;
    }

    static byte[] key(long id) {
        byte[] key = new byte[8];
        ClientKeys.putLong(key, 0, id);
        return key;
    }

    @Override
    public long put(Message message) {
        long id = lastId.incrementAndGet();
        journal.put(messages, key(id), MessageCodec.encode(message));
        return id;
    }

    @Override
    public Message get(long id) {
        byte[] value = reader.get(messages, key(id));
        return value == null ? null : MessageCodec.decode(value);
    }

    @Override
    public void remove(long id) {
        if (id > recordedHighWater && id <= lastId.get()) { // an id never given out needs no mark
            highWaterLock.lock();
            try {
                if (id > recordedHighWater) {
                    long given = lastId.get();
                    long mark = given > Long.MAX_VALUE - MARK_STEP ? Long.MAX_VALUE : given + MARK_STEP;
                    journal.put(meta, StoreFormat.MESSAGE_HIGH_WATER_KEY, StoreFormat.encodeLong(mark));
                    recordedHighWater = mark;
                }
            } finally {
                highWaterLock.unlock();
            }
        }
        journal.delete(messages, key(id));
    }

    @Override
    public void forEachId(LongConsumer consumer) {
        reader.scan(messages, null, null, true, (key, value) -> consumer.accept(ClientKeys.getLong(key, 0)));
    }
}
