package io.thingbus.storage;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** {@link SessionStore} on the heap. Thread-safe. */
public final class InMemorySessionStore implements SessionStore {

    private final ConcurrentHashMap<String, StoredSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void put(StoredSession session) {
        sessions.put(session.clientId(), session);
    }

    @Override
    public void remove(String clientId) {
        sessions.remove(clientId);
    }

    @Override
    public void forEach(Consumer<StoredSession> consumer) {
        sessions.values().forEach(consumer);
    }
}
