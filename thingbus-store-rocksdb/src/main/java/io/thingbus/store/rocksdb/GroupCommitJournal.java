package io.thingbus.store.rocksdb;

import io.thingbus.storage.FsyncPolicy;
import io.thingbus.storage.Journal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of the database: every store write goes through here, and {@link #barrier()} says
 * when it is durable.
 *
 * <p>A write is applied to its column family's {@link Overlay} (so reads see it at once) and queued,
 * both under one lock so the queue order is the overlay order. One thread, the journal writer, takes
 * everything queued since its last write, puts it into a single {@link WriteBatch} and writes it with
 * the {@link FsyncPolicy}:
 * <ul>
 *   <li>{@code always}: the batch is written with {@code sync=true}, one WAL fsync for every write
 *       and barrier in it (group commit). A barrier completes after that sync: nothing acknowledged
 *       is lost, even on power loss.</li>
 *   <li>{@code interval:<ms>}: written with {@code sync=false}; the writer syncs the WAL
 *       ({@code flushWal(true)}) at least every interval while anything is unsynced. A barrier
 *       completes once its batch is in the WAL: a crash of the hub loses nothing, a crash of the
 *       machine at most the last interval.</li>
 *   <li>{@code never}: written with {@code sync=false}; the operating system decides when the WAL
 *       reaches the disk. A barrier completes once its batch is in the WAL.</li>
 * </ul>
 * Then it removes the batch's entries from the overlays and completes every barrier that was queued
 * behind those writes. Under load a batch holds everything that queued up while the previous one
 * was being written, so many barriers share one sync.
 *
 * <p>Failures are final: when a batch (or a WAL sync) fails, the error is logged, every waiting
 * barrier and every later one fails with a {@link StoreException}, and later writes throw it. The
 * pending writes stay readable in the overlays.
 *
 * <p>Barriers complete on the writer thread: code chained on them must not block (use the
 * {@code *Async} variants to move off it), and must never wait for another barrier.
 */
final class GroupCommitJournal implements Journal {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitJournal.class);

    /** Writes one batch to the database; the tests put failures and pauses in between. */
    @FunctionalInterface
    interface BatchWriter {
        void write(WriteOptions options, WriteBatch batch) throws RocksDBException;
    }

    /** Syncs the write-ahead log to disk. */
    @FunctionalInterface
    interface WalSync {
        void sync() throws RocksDBException;
    }

    /** What the writer takes from the queue. */
    private sealed interface Entry permits Write, Group, Barrier, Stop {
    }

    /** One write, with what to take out of the overlay once it is in the database. */
    private sealed interface Write extends Entry permits Put, Delete, DeleteRange {
        void addTo(WriteBatch batch) throws RocksDBException;

        int size();
    }

    private record Put(ColumnFamily family, byte[] key, byte[] value, Overlay.Pending pending) implements Write {
        @Override
        public void addTo(WriteBatch batch) throws RocksDBException {
            batch.put(family.handle(), key, value);
        }

        @Override
        public int size() {
            return key.length + value.length;
        }
    }

    private record Delete(ColumnFamily family, byte[] key, Overlay.Pending pending) implements Write {
        @Override
        public void addTo(WriteBatch batch) throws RocksDBException {
            batch.delete(family.handle(), key);
        }

        @Override
        public int size() {
            return key.length;
        }
    }

    private record DeleteRange(ColumnFamily family, byte[] from, byte[] to, Overlay.Range range) implements Write {
        @Override
        public void addTo(WriteBatch batch) throws RocksDBException {
            batch.deleteRange(family.handle(), from, to);
        }

        @Override
        public int size() {
            return from.length + to.length;
        }
    }

    private record Barrier(CompletableFuture<Void> future) implements Entry {
    }

    /** Writes made inside {@link #atomically}: they join one batch together. */
    private record Group(List<Write> writes) implements Entry {
    }

    private record Stop() implements Entry {
    }

    private final String location;
    private final FsyncPolicy policy;
    private final BatchWriter batchWriter;
    private final WalSync walSync;
    private final WriteOptions writeOptions;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    /** Writes queued so far; advanced under {@link #lock}. */
    private long enqueuedWrites;
    /** Writes made durable so far (or written, under policies that do not sync per batch). */
    private final AtomicLong durableWrites = new AtomicLong();
    /** The writes of an {@link #atomically} block in progress on each thread, or null. */
    private final ThreadLocal<List<Write>> openGroup = new ThreadLocal<>();

    private volatile boolean closed;
    private volatile StoreException failure;

    /** Writer state, touched by the writer thread only. */
    private boolean unsynced;
    private long lastSyncNanos = System.nanoTime();

    /**
     * @param location    where the database is, for logs and messages
     * @param policy      when to sync the WAL
     * @param batchWriter writes a batch ({@code db::write} outside tests)
     * @param walSync     syncs the WAL ({@code () -> db.flushWal(true)} outside tests)
     */
    GroupCommitJournal(String location, FsyncPolicy policy, BatchWriter batchWriter, WalSync walSync) {
        this.location = location;
        this.policy = policy;
        this.batchWriter = batchWriter;
        this.walSync = walSync;
        this.writeOptions = new WriteOptions().setSync(policy.mode() == FsyncPolicy.Mode.ALWAYS);
        this.writer = new Thread(this::run, "thingbus-journal");
        writer.setDaemon(true);
    }

    /** The lock that orders overlay mutations with the queue; overlays take it for their snapshots. */
    ReentrantLock lock() {
        return lock;
    }

    void start() {
        writer.start();
    }

    void put(ColumnFamily family, byte[] key, byte[] value) {
        lock.lock();
        try {
            checkWritable();
            Overlay.Pending pending = family.overlay() == null ? null : family.overlay().put(key, value);
            enqueue(new Put(family, key, value, pending));
            enqueuedWrites++;
        } finally {
            lock.unlock();
        }
    }

    void delete(ColumnFamily family, byte[] key) {
        lock.lock();
        try {
            checkWritable();
            Overlay.Pending pending = family.overlay() == null ? null : family.overlay().delete(key);
            enqueue(new Delete(family, key, pending));
            enqueuedWrites++;
        } finally {
            lock.unlock();
        }
    }

    /** Deletes every key in {@code [from, to)}: a per-client prefix range (see {@link Overlay}). */
    void deleteRange(ColumnFamily family, byte[] from, byte[] to) {
        lock.lock();
        try {
            checkWritable();
            Overlay.Range range = family.overlay() == null ? null : family.overlay().deleteRange(from, to);
            enqueue(new DeleteRange(family, from, to, range));
            enqueuedWrites++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void atomically(Runnable writes) {
        if (openGroup.get() != null) {
            writes.run();
            return;
        }
        List<Write> group = new ArrayList<>();
        openGroup.set(group);
        try {
            writes.run();
        } finally {
            openGroup.remove();
            if (!group.isEmpty()) {
                lock.lock();
                try {
                    checkWritable(); // a group after close would never be written: say so
                    queue.add(new Group(group));
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Queues a write for the writer, or holds it in this thread's open group. Call under {@link #lock}. */
    private void enqueue(Write write) {
        List<Write> group = openGroup.get();
        if (group != null) {
            group.add(write);
        } else {
            queue.add(write);
        }
    }

    @Override
    public CompletableFuture<Void> barrier() {
        lock.lock();
        try {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the store at " + location + " is closed"));
            }
            if (durableWrites.get() == enqueuedWrites) {
                // every write issued before this call is durable already: no hand-off to the writer
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> future = new CompletableFuture<>();
            queue.add(new Barrier(future));
            return future;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes everything queued, completes every barrier, syncs the WAL under {@code interval} and
     * stops the writer. Later writes and barriers fail. Idempotent.
     */
    void close() {
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("the store at " + location + " cannot be closed from its journal's thread"
                    + " (code chained on a barrier): close it from another thread");
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(new Stop());
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        writeOptions.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Batches written so far; each is one database write (and one fsync under {@code always}). */
    long batchCount() {
        return batches.get();
    }

    /** WAL syncs so far, by {@code sync=true} batches or explicit syncs. */
    long syncCount() {
        return syncs.get();
    }

    /** Single writes (puts, deletes, range deletes) in the batches written so far. */
    long writeCount() {
        return durableWrites.get();
    }

    private void checkWritable() {
        StoreException failed = failure;
        if (failed != null) {
            throw new StoreException("the store at " + location + " refuses writes after a journal failure", failed);
        }
        if (closed) {
            throw new IllegalStateException("the store at " + location + " is closed");
        }
    }

    private void run() {
        List<Entry> drained = new ArrayList<>();
        List<Write> batch = new ArrayList<>();
        List<Barrier> barriers = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                Entry first = next();
                if (first == null) {
                    syncIfDue(true);
                    continue;
                }
                drained.add(first);
                queue.drainTo(drained);
                for (Entry entry : drained) {
                    switch (entry) {
                        case Write write -> batch.add(write);
                        case Group group -> batch.addAll(group.writes());
                        case Barrier barrier -> barriers.add(barrier);
                        case Stop ignored -> stop = true;
                    }
                }
                if (failure == null && !batch.isEmpty()) {
                    writeBatch(batch);
                }
                if (stop && failure == null && policy.mode() == FsyncPolicy.Mode.INTERVAL && unsynced) {
                    syncWal();
                }
                for (Barrier barrier : barriers) {
                    if (failure == null) {
                        barrier.future().complete(null);
                    } else {
                        barrier.future().completeExceptionally(failure);
                    }
                }
            } catch (InterruptedException e) {
                log.debug("[store={}] journal writer interrupted; it stops only when the store closes", location);
            } catch (RuntimeException | Error e) {
                fail("the journal writer failed", e);
                barriers.forEach(barrier -> barrier.future().completeExceptionally(failure));
            } finally {
                drained.clear();
                batch.clear();
                barriers.clear();
            }
        }
    }

    /** The next entry, waiting; under {@code interval} with unsynced writes, null when the sync is due first. */
    private Entry next() throws InterruptedException {
        if (policy.mode() == FsyncPolicy.Mode.INTERVAL && unsynced && failure == null) {
            long waitNanos = lastSyncNanos + TimeUnit.MILLISECONDS.toNanos(policy.intervalMillis()) - System.nanoTime();
            return waitNanos <= 0 ? null : queue.poll(waitNanos, TimeUnit.NANOSECONDS);
        }
        return queue.take();
    }

    private void writeBatch(List<Write> batch) {
        int bytes = 0;
        try (WriteBatch writeBatch = new WriteBatch()) {
            for (Write write : batch) {
                write.addTo(writeBatch);
                bytes += write.size();
            }
            batchWriter.write(writeOptions, writeBatch);
        } catch (RocksDBException | RuntimeException e) {
            fail("writing a batch of " + batch.size() + " writes (" + bytes + " bytes of keys and values) failed", e);
            return;
        }
        batches.incrementAndGet();
        durableWrites.addAndGet(batch.size());
        if (policy.mode() == FsyncPolicy.Mode.ALWAYS) {
            syncs.incrementAndGet();
        } else if (policy.mode() == FsyncPolicy.Mode.INTERVAL) {
            unsynced = true;
        }
        // Ranges first, then points: see the invariants of Overlay.
        for (Write write : batch) {
            if (write instanceof DeleteRange deleteRange && deleteRange.range() != null) {
                deleteRange.family().overlay().written(deleteRange.range());
            }
        }
        for (Write write : batch) {
            if (write instanceof Put put && put.pending() != null) {
                put.family().overlay().written(put.pending());
            } else if (write instanceof Delete delete && delete.pending() != null) {
                delete.family().overlay().written(delete.pending());
            }
        }
        syncIfDue(false);
    }

    /** Under {@code interval}, syncs the WAL when writes are unsynced and the interval has passed. */
    private void syncIfDue(boolean timedOut) {
        if (policy.mode() != FsyncPolicy.Mode.INTERVAL || !unsynced || failure != null) {
            return;
        }
        long dueNanos = lastSyncNanos + TimeUnit.MILLISECONDS.toNanos(policy.intervalMillis());
        if (timedOut || System.nanoTime() - dueNanos >= 0) {
            syncWal();
        }
    }

    private void syncWal() {
        try {
            walSync.sync();
        } catch (RocksDBException | RuntimeException e) {
            fail("syncing the write-ahead log failed", e);
            return;
        }
        syncs.incrementAndGet();
        unsynced = false;
        lastSyncNanos = System.nanoTime();
    }

    private void fail(String what, Throwable cause) {
        if (failure != null) {
            log.error("[store={}] {} after an earlier failure", location, what, cause);
            return;
        }
        failure = new StoreException("the journal of the store at " + location + " failed: " + what
                + "; no write is durable from here on", cause);
        log.error("[store={} fsync={}] {}; every pending and later barrier fails, and later writes are refused",
                location, policy, what, cause);
    }
}
