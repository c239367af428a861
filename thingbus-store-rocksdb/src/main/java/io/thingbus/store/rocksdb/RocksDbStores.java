package io.thingbus.store.rocksdb;

import io.thingbus.events.EventStore;
import io.thingbus.events.TelemetryStores;
import io.thingbus.messaging.InMemoryRetainedMessageStore;
import io.thingbus.messaging.RetainedMessageStore;
import io.thingbus.registry.ConnectivityEventStore;
import io.thingbus.registry.DeviceStore;
import io.thingbus.registry.RegistryStores;
import io.thingbus.registry.auth.MqttUserStore;
import io.thingbus.registry.provisioning.EnrollmentStore;
import io.thingbus.storage.FsyncPolicy;
import io.thingbus.storage.InflightStore;
import io.thingbus.storage.Journal;
import io.thingbus.storage.MessageStore;
import io.thingbus.storage.QueueStore;
import io.thingbus.storage.SessionStore;
import io.thingbus.storage.Stores;
import io.thingbus.telemetry.ConsumerOffsets;
import io.thingbus.telemetry.TelemetryLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores in one embedded RocksDB database, written through one group-committing journal.
 *
 * <h2>Layout</h2>
 * One database in the directory given to {@link #open}, with a column family per store. Keys are
 * binary and big-endian, so key order is sequence order; every value begins with its codec's version.
 * <table>
 *   <caption>Column families</caption>
 *   <tr><th>column family</th><th>key</th><th>value</th></tr>
 *   <tr><td>{@code messages}</td><td>id, 8 bytes</td><td>{@link MessageCodec}</td></tr>
 *   <tr><td>{@code queues}</td><td>client id length (2) + client id (UTF-8) + seq (8, sign bit flipped)</td>
 *       <td>{@link QueuedMessageCodec}</td></tr>
 *   <tr><td>{@code inflight}</td><td>client id length (2) + client id + direction (1: 1 out, 2 in) + packet id (2)</td>
 *       <td>{@link InflightCodec}</td></tr>
 *   <tr><td>{@code sessions}</td><td>client id (UTF-8)</td><td>{@link StoredSessionCodec}</td></tr>
 *   <tr><td>{@code retained}</td><td>topic name (UTF-8)</td><td>{@link MessageCodec}</td></tr>
 *   <tr><td>{@code devices}</td><td>device id (UTF-8)</td><td>{@link DeviceCodec}</td></tr>
 *   <tr><td>{@code connectivity}</td><td>sequence number, 8 bytes</td><td>{@link ConnectivityEventCodec}</td></tr>
 *   <tr><td>{@code users}</td><td>user name (UTF-8)</td><td>{@link MqttUserCodec}</td></tr>
 *   <tr><td>{@code telemetry}</td><td>partition (2) + offset (8)</td><td>{@link TelemetryRecordCodec}</td></tr>
 *   <tr><td>{@code events}</td><td>day (4) + device id length (2) + device id (UTF-8) + enqueued time (8)
 *       + partition (2) + offset (8)</td><td>{@link EventCodec}</td></tr>
 *   <tr><td>{@code consumer-offsets}</td><td>group length (2) + group (UTF-8) + partition (2)</td>
 *       <td>{@link ConsumerOffsetCodec}</td></tr>
 *   <tr><td>{@code enrollments}</td><td>{@code i} (individual), {@code g} (group) or {@code r} (registration) +
 *       id (UTF-8)</td><td>{@link EnrollmentCodec}</td></tr>
 *   <tr><td>{@code meta}</td><td>ASCII names</td><td>the on-disk format version and the message-id
 *       high-water mark ({@link StoreFormat})</td></tr>
 * </table>
 * The on-disk format version is checked at every open; a newer or unknown one is refused with a
 * {@link StoreFormatException}.
 *
 * <h2>Writes and reads</h2>
 * Every write goes through the {@link GroupCommitJournal}: it is readable at once (from an overlay of
 * pending writes) and durable once a later {@link Journal#barrier()} completes; see that class for the
 * {@link FsyncPolicy} semantics. Retained messages are also held in memory, in a topic trie loaded at
 * open with one scan. The telemetry log and the event store have no overlay: their reads see what the
 * journal has written (the log only up to each partition's durable end), which is all their readers
 * need, and spares the overlay a copy of every telemetry record.
 *
 * <h2>RocksDB options</h2>
 * <ul>
 *   <li>Create the database and missing column families.</li>
 *   <li>LZ4 compression at every level.</li>
 *   <li>One 64 MiB LRU block cache shared by every column family; index and filter blocks are cached
 *       in it (level-0 ones pinned); a 10-bit Bloom filter per table for the point reads of messages
 *       and queue entries.</li>
 *   <li>Write buffers of 8 MiB, at most 3 per column family, and at most 32 MiB across all of them
 *       (a write buffer manager that charges them to the block cache).</li>
 *   <li>At most 64 MiB of write-ahead log, after which the column families holding the oldest log
 *       are flushed.</li>
 *   <li>2 to 4 background jobs (flushes and compactions), after the number of processors.</li>
 *   <li>RocksDB's own LOG at INFO, at most 3 files of 8 MiB.</li>
 * </ul>
 *
 * <h2>Closing</h2>
 * {@link #close()} writes what is pending and completes every barrier, then waits for running reads,
 * flushes the memtables (so the next open does not replay the write-ahead log), and closes the
 * column family handles, the database and the options. The stores are unusable afterwards:
 * writes and reads throw {@link IllegalStateException}, barriers fail.
 */
public final class RocksDbStores implements Stores, RegistryStores, TelemetryStores {

    private static final Logger log = LoggerFactory.getLogger(RocksDbStores.class);

    static final String MESSAGES = "messages";
    static final String QUEUES = "queues";
    static final String INFLIGHT = "inflight";
    static final String SESSIONS = "sessions";
    static final String RETAINED = "retained";
    static final String DEVICES = "devices";
    static final String CONNECTIVITY = "connectivity";
    static final String USERS = "users";
    static final String TELEMETRY = "telemetry";
    static final String EVENTS = "events";
    static final String CONSUMER_OFFSETS = "consumer-offsets";
    static final String ENROLLMENTS = "enrollments";
    static final String META = "meta";
    static final List<String> COLUMN_FAMILIES = List.of(MESSAGES, QUEUES, INFLIGHT, SESSIONS, RETAINED, DEVICES,
            CONNECTIVITY, USERS, TELEMETRY, EVENTS, CONSUMER_OFFSETS, ENROLLMENTS, META);
    /** Column families read from the database only: {@link ColumnFamily#overlay()} is null for them. */
    private static final Set<String> WITHOUT_OVERLAY = Set.of(RETAINED, TELEMETRY, EVENTS, META);

    private final String location;
    private final RocksDbOptions options;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final List<ColumnFamily> families;
    private final ReadWriteLock closeLock;
    private final ColumnReader reader;
    private final GroupCommitJournal journal;
    private final RocksDbMessageStore messages;
    private final RocksDbSessionStore sessions;
    private final RocksDbQueueStore queues;
    private final RocksDbInflightStore inflight;
    private final RocksDbRetainedMessageStore retained;
    private final RocksDbDeviceStore devices;
    private final RocksDbConnectivityEventStore connectivity;
    private final RocksDbMqttUserStore users;
    private final RocksDbTelemetryLog telemetryLog;
    private final RocksDbEventStore events;
    private final RocksDbConsumerOffsets consumerOffsets;
    private final RocksDbEnrollmentStore enrollments;
    private boolean closed;

    private RocksDbStores(String location, FsyncPolicy policy, RocksDbOptions options, RocksDB db,
                          List<ColumnFamilyHandle> handles, UnaryOperator<GroupCommitJournal.BatchWriter> writeHook)
            throws RocksDBException {
        this.location = location;
        this.options = options;
        this.db = db;
        this.handles = handles;
        this.closeLock = new ReentrantReadWriteLock();
        this.reader = new ColumnReader(db, closeLock, location);
        this.journal = new GroupCommitJournal(location, policy, writeHook.apply(db::write), () -> db.flushWal(true));
        this.families = new ArrayList<>();
        for (int i = 0; i < COLUMN_FAMILIES.size(); i++) {
            String name = COLUMN_FAMILIES.get(i);
            families.add(new ColumnFamily(name, handles.get(i), WITHOUT_OVERLAY.contains(name) ? null : new Overlay(journal.lock())));
        }
        try {
            ColumnFamily meta = family(META);
            long highWater = StoreFormat.messageHighWater(db, meta.handle(), location);
            this.messages = new RocksDbMessageStore(family(MESSAGES), meta, journal, reader,
                    Math.max(highWater, highestMessageId(db, family(MESSAGES).handle())), highWater);
            this.sessions = new RocksDbSessionStore(family(SESSIONS), journal, reader);
            this.queues = new RocksDbQueueStore(family(QUEUES), journal, reader);
            this.inflight = new RocksDbInflightStore(family(INFLIGHT), journal, reader);
            this.devices = new RocksDbDeviceStore(family(DEVICES), journal, reader);
            this.connectivity = new RocksDbConnectivityEventStore(family(CONNECTIVITY), journal, reader, db);
            this.users = new RocksDbMqttUserStore(family(USERS), journal, reader);
            long loadStart = System.nanoTime();
            InMemoryRetainedMessageStore index = RocksDbRetainedMessageStore.load(family(RETAINED), reader);
            this.retained = new RocksDbRetainedMessageStore(family(RETAINED), journal, index);
            this.telemetryLog = new RocksDbTelemetryLog(family(TELEMETRY), journal, reader);
            this.events = new RocksDbEventStore(family(EVENTS), journal, reader);
            this.consumerOffsets = new RocksDbConsumerOffsets(family(CONSUMER_OFFSETS), journal, reader);
            this.enrollments = new RocksDbEnrollmentStore(family(ENROLLMENTS), journal, reader);
            log.info("[store={}] opened, fsync {}; {} retained messages loaded in {} ms", location, policy, index.size(),
                    (System.nanoTime() - loadStart) / 1_000_000);
        } catch (RocksDBException | RuntimeException e) {
            journal.close(); // not started yet: only frees its options
            throw e;
        }
        journal.start();
    }

    /**
     * Opens (creating when missing) the stores in {@code directory}.
     *
     * @throws StoreFormatException when the directory holds a database of a newer or unknown format
     * @throws StoreException       when RocksDB cannot open it
     */
    public static RocksDbStores open(Path directory, FsyncPolicy policy) {
        return open(directory, policy, UnaryOperator.identity());
    }

    /** As {@link #open(Path, FsyncPolicy)}, with the journal's batch writes wrapped (for tests). */
    static RocksDbStores open(Path directory, FsyncPolicy policy, UnaryOperator<GroupCommitJournal.BatchWriter> writeHook) {
        Objects.requireNonNull(policy, "policy");
        String location = directory.toAbsolutePath().toString();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store directory " + location, e);
        }
        RocksDB.loadLibrary();
        RocksDbOptions options = new RocksDbOptions();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB db = null;
        try {
            List<String> unknown = unknownColumnFamilies(location);
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (String name : COLUMN_FAMILIES) {
                descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), options.columnFamilyOptions));
            }
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, options.columnFamilyOptions));
            for (String name : unknown) {
                descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), options.columnFamilyOptions));
            }
            db = RocksDB.open(options.dbOptions, location, descriptors, handles);
            ColumnFamilyHandle meta = handles.get(COLUMN_FAMILIES.indexOf(META));
            StoreFormat.checkOrInitialise(db, meta, handles.subList(0, COLUMN_FAMILIES.indexOf(META)), location);
            if (!unknown.isEmpty()) {
                throw new StoreFormatException("the store at " + location + " has column families this Thingbus does"
                        + " not know: " + unknown + "; it was written by a newer or different program");
            }
            return new RocksDbStores(location, policy, options, db, handles, writeHook);
        } catch (RocksDBException | RuntimeException e) {
            handles.forEach(ColumnFamilyHandle::close);
            if (db != null) {
                db.close();
            }
            options.close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException("cannot open the store at " + location + ": " + e.getMessage(), e);
        }
    }

    /** The column families of an existing database that are neither ours nor the default one. */
    private static List<String> unknownColumnFamilies(String location) throws RocksDBException {
        if (!Files.exists(Path.of(location, "CURRENT"))) {
            return List.of();
        }
        List<String> unknown = new ArrayList<>();
        try (Options listOptions = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(listOptions, location)) {
                String text = new String(name, StandardCharsets.UTF_8);
                if (!COLUMN_FAMILIES.contains(text) && !text.equals("default")) {
                    unknown.add(text);
                }
            }
        }
        return unknown;
    }

    private static long highestMessageId(RocksDB db, ColumnFamilyHandle messages) throws RocksDBException {
        try (RocksIterator iterator = db.newIterator(messages)) {
            iterator.seekToLast();
            long highest = iterator.isValid() ? ClientKeys.getLong(iterator.key(), 0) : 0;
            iterator.status();
            return highest;
        }
    }

    private ColumnFamily family(String name) {
        return families.get(COLUMN_FAMILIES.indexOf(name));
    }

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
    public DeviceStore devices() {
        return devices;
    }

    @Override
    public ConnectivityEventStore connectivity() {
        return connectivity;
    }

    @Override
    public MqttUserStore users() {
        return users;
    }

    @Override
    public TelemetryLog telemetryLog() {
        return telemetryLog;
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public ConsumerOffsets consumerOffsets() {
        return consumerOffsets;
    }

    @Override
    public EnrollmentStore enrollments() {
        return enrollments;
    }

    /** The journal itself, for its counters. */
    GroupCommitJournal groupCommitJournal() {
        return journal;
    }

    /** The value of {@code key} in the database itself, past the overlay of pending writes (for tests). */
    byte[] readFromDatabase(String columnFamily, byte[] key) {
        return reader.get(new ColumnFamily(columnFamily, family(columnFamily).handle(), null), key);
    }

    /** True when no write of {@code columnFamily} is pending in its overlay (for tests). */
    boolean nothingPending(String columnFamily) {
        Overlay overlay = family(columnFamily).overlay();
        return overlay == null || overlay.isEmpty();
    }

    /** Writes what is pending, completes every barrier, then closes every native handle. Idempotent. */
    @Override
    public void close() {
        journal.close();
        closeLock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            reader.markClosed();
            flushMemtables();
            handles.forEach(ColumnFamilyHandle::close);
            try {
                db.closeE();
            } catch (RocksDBException e) {
                log.warn("[store={}] closing the database failed", location, e);
            }
            options.close();
        } finally {
            closeLock.writeLock().unlock();
        }
        log.info("[store={}] closed", location);
    }

    /** Writes the memtables to table files, so the next open need not replay the write-ahead log. */
    private void flushMemtables() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, handles);
        } catch (RocksDBException e) {
            log.warn("[store={}] flushing the memtables at close failed; the next open replays the log", location, e);
        }
    }
}
