package io.thingbus.store.rocksdb;

import io.thingbus.storage.SessionStore;
import io.thingbus.storage.StoredSession;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * {@link SessionStore} in the {@code sessions} column family. Key: the client id in UTF-8. Value:
 * {@link StoredSessionCodec}.
 */
final class RocksDbSessionStore implements SessionStore {

    private final ColumnFamily sessions;
    private final GroupCommitJournal journal;
    private final ColumnReader reader;

    RocksDbSessionStore(ColumnFamily sessions, GroupCommitJournal journal, ColumnReader reader) {
        this.sessions = sessions;
        this.journal = journal;
        this.reader = reader;
    }

    @Override
    public void put(StoredSession session) {
        journal.put(sessions, session.clientId().getBytes(StandardCharsets.UTF_8), StoredSessionCodec.encode(session));
    }

    @Override
    public void remove(String clientId) {
        journal.delete(sessions, clientId.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void forEach(Consumer<StoredSession> consumer) {
        reader.scan(sessions, null, null, true, (key, value) ->
                consumer.accept(StoredSessionCodec.decode(new String(key, StandardCharsets.UTF_8), value)));
    }
}
