package io.thingbus.storage;

import java.util.function.Consumer;

/** Persistent sessions by client id. */
public interface SessionStore {

    /** Writes (or replaces) a session's record. */
    void put(StoredSession session);

    void remove(String clientId);

    /** For start-up: every stored session. */
    void forEach(Consumer<StoredSession> consumer);
}
