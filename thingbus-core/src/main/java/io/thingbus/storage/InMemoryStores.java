package io.thingbus.storage;

import io.thingbus.messaging.InMemoryRetainedMessageStore;
import io.thingbus.messaging.RetainedMessageStore;
import java.util.concurrent.CompletableFuture;

/** Stores on the heap: nothing survives the process, every barrier is complete at once. */
public final class InMemoryStores implements Stores {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final MessageStore messages = new InMemoryMessageStore();
    private final SessionStore sessions = new InMemorySessionStore();
    private final QueueStore queues = new InMemoryQueueStore();
    private final InflightStore inflight = new InMemoryInflightStore();
    private final RetainedMessageStore retained = new InMemoryRetainedMessageStore();
    private final Journal journal = new Journal() {
        @Override
        public CompletableFuture<Void> barrier() {
            return DONE;
        }

        @Override
        public void atomically(Runnable writes) {
            writes.run();
        }
    };

    @Override
    public Journal journal() {
        return journal;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public QueueStore queues() {
        return queues;
    }

    @Override
    public InflightStore inflight() {
        return inflight;
    }

    @Override
    public RetainedMessageStore retained() {
        return retained;
    }

    @Override
    public void close() {
    }
}
