package io.thingbus.storage;

import io.thingbus.messaging.Message;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** {@link MessageStore} on the heap. Thread-safe. */
public final class InMemoryMessageStore implements MessageStore {

    private final ConcurrentSkipListMap<Long, Message> messages = new ConcurrentSkipListMap<>();
    private final AtomicLong lastId = new AtomicLong();

    @Override
    public long put(Message message) {
        long id = lastId.incrementAndGet();
        messages.put(id, message);
        return id;
    }

    @Override
    public Message get(long id) {
        return messages.get(id);
    }

    @Override
    public void remove(long id) {
        messages.remove(id);
    }

    @Override
    public void forEachId(LongConsumer consumer) {
        messages.keySet().forEach(consumer::accept);
    }
}
