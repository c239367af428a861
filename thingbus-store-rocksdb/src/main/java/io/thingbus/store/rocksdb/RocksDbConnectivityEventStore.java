package io.thingbus.store.rocksdb;

import io.thingbus.registry.ConnectivityEvent;
import io.thingbus.registry.ConnectivityEventStore;
import io.thingbus.registry.LoggedConnectivityEvent;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * {@link ConnectivityEventStore} in the {@code connectivity} column family. Key: the sequence number,
 * 8 bytes big-endian. Value: {@link ConnectivityEventCodec}. Appends go through the journal without
 * waiting for it; the next sequence number is recovered at open from the last key (the newest event
 * is never removed, so numbers are never reused).
 */
final class RocksDbConnectivityEventStore implements ConnectivityEventStore {

    private final ColumnFamily events;
    private final GroupCommitJournal journal;
    private final ColumnReader reader;
    private long lastSeq;

    RocksDbConnectivityEventStore(ColumnFamily events, GroupCommitJournal journal, ColumnReader reader, RocksDB db)
            throws RocksDBException {
        this.events = events;
        this.journal = journal;
        this.reader = reader;
        try (RocksIterator iterator = db.newIterator(events.handle())) {
            iterator.seekToLast();
            lastSeq = iterator.isValid() ? ClientKeys.getLong(iterator.key(), 0) : 0;
            iterator.status();
        }
    }

    @Override
    public synchronized LoggedConnectivityEvent append(ConnectivityEvent event) {
        LoggedConnectivityEvent logged = new LoggedConnectivityEvent(lastSeq + 1, event);
        journal.put(events, key(logged.seq()), ConnectivityEventCodec.encode(event));
        lastSeq = logged.seq();
        return logged;
    }

    @Override
    public List<LoggedConnectivityEvent> read(long afterSeq, int limit) {
        List<LoggedConnectivityEvent> page = new ArrayList<>(Math.min(limit, 1024));
        if (limit <= 0) {
            return page;
        }
        reader.scanWhile(events, key(afterSeq + 1), null, false, (key, value) -> {
            page.add(new LoggedConnectivityEvent(ClientKeys.getLong(key, 0), ConnectivityEventCodec.decode(value)));
            return page.size() < limit;
        });
        return page;
    }

    @Override
    public synchronized long lastSeq() {
        return lastSeq;
    }

    @Override
    public synchronized void removeThrough(long seq) {
        if (seq >= lastSeq) {
            throw new IllegalArgumentException("the newest event (" + lastSeq + ") is kept; cannot remove through " + seq);
        }
        journal.deleteRange(events, key(0), key(seq + 1));
    }

    private static byte[] key(long seq) {
        byte[] key = new byte[Long.BYTES];
        ClientKeys.putLong(key, 0, seq);
        return key;
    }
}
