package io.thingbus.registry;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** Connectivity events on the heap only: for tests and hubs without a data directory. */
public final class InMemoryConnectivityEventStore implements ConnectivityEventStore {

    private final ConcurrentSkipListMap<Long, LoggedConnectivityEvent> events = new ConcurrentSkipListMap<>();
    private long lastSeq;

    @Override
    public synchronized LoggedConnectivityEvent append(ConnectivityEvent event) {
        LoggedConnectivityEvent logged = new LoggedConnectivityEvent(++lastSeq, event);
        events.put(logged.seq(), logged);
        return logged;
    }

    @Override
    public List<LoggedConnectivityEvent> read(long afterSeq, int limit) {
        return events.tailMap(afterSeq, false).values().stream().limit(limit).toList();
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
        events.headMap(seq, true).clear();
    }
}
