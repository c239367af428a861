package io.thingbus.store.rocksdb;

import io.thingbus.messaging.InMemoryRetainedMessageStore;
import io.thingbus.messaging.Message;
import io.thingbus.messaging.RetainedMessageStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * {@link RetainedMessageStore} backed by the {@code retained} column family: every read is answered by
 * an {@link InMemoryRetainedMessageStore} index (the topic trie), loaded at open with one scan of the
 * column family; every change goes to the index and, through the journal, to the database.
 *
 * <p>Key: the topic name in UTF-8. Value: {@link MessageCodec}.
 *
 * <p>A lock orders each change in the index with its write to the journal, so the last change to a
 * topic in memory is also the last on disk. Reads do not take it.
 */
final class RocksDbRetainedMessageStore implements RetainedMessageStore {

    private final ColumnFamily retained;
    private final GroupCommitJournal journal;
    private final InMemoryRetainedMessageStore index;
    private final ReentrantLock writeLock = new ReentrantLock();

    RocksDbRetainedMessageStore(ColumnFamily retained, GroupCommitJournal journal, InMemoryRetainedMessageStore index) {
        this.retained = retained;
        this.journal = journal;
        this.index = index;
    }

    /** Loads the index from the retained messages stored by {@code reader}, in one scan. */
    static InMemoryRetainedMessageStore load(ColumnFamily retained, ColumnReader reader) {
        InMemoryRetainedMessageStore index = new InMemoryRetainedMessageStore();
        reader.scan(retained, null, null, true, (key, value) -> {
            Message message = MessageCodec.decode(value);
            if (!message.topic().equals(new String(key, StandardCharsets.UTF_8))) {
                throw new StoreFormatException("the retained message stored under '" + new String(key, StandardCharsets.UTF_8)
                        + "' has topic '" + message.topic() + "'");
            }
            try {
                index.put(message);
            } catch (IllegalArgumentException e) {
                throw new StoreFormatException("a stored retained message cannot be loaded: " + e.getMessage());
            }
        });
        return index;
    }

    @Override
    public void put(Message message) {
        byte[] key = message.topic().getBytes(StandardCharsets.UTF_8);
        byte[] value = MessageCodec.encode(message);
        writeLock.lock();
        try {
            index.put(message); // validates the topic before anything is written
            journal.put(retained, key, value);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean remove(String topic) {
        writeLock.lock();
        try {
            boolean removed = index.remove(topic);
            if (removed) {
                journal.delete(retained, topic.getBytes(StandardCharsets.UTF_8));
            }
            return removed;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<Message> get(String topic) {
        return index.get(topic);
    }

    @Override
    public void forEachMatching(String topicFilter, Consumer<Message> consumer) {
        index.forEachMatching(topicFilter, consumer);
    }

    @Override
    public void forEach(Consumer<Message> consumer) {
        index.forEach(consumer);
    }

    @Override
    public long size() {
        return index.size();
    }
}
