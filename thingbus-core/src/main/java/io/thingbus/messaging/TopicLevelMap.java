package io.thingbus.messaging;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The children of one topic trie node, keyed by topic level.
 *
 * <p>Lookups take the level as a char range {@code topic[start, end)}, so walking a topic cuts no
 * substrings: the range is hashed in place and compared with {@link String#regionMatches}. (A
 * {@code HashMap<String, V>} cannot do this: a String only equals another String.)
 *
 * <p>Open addressing with linear probing over an array of immutable entries. Thread safety: one
 * writer at a time ({@link #put} and {@link #remove}; the owning trie serializes them with its lock)
 * and any number of lock-free readers ({@link #get}, {@link #forEach}, {@link #isEmpty}). A writer
 * publishes a slot with release semantics and never empties one: a removed entry leaves a tombstone
 * until the next rebuild, so a reader probing the array still finds every entry that was present for
 * its whole read. Growing, shrinking and purging tombstones build a fresh array and publish it through
 * a volatile field; a reader still on the old array sees an older, consistent state.
 *
 * <p>Hashes are seeded per map, so level names crafted to collide under {@code String.hashCode()}
 * (such as "Aa" and "BB") do not pile up in one probe chain.
 *
 * @param <V> the child type
 */
final class TopicLevelMap<V> {

    private static final int MIN_CAPACITY = 2;
    private static final Entry<Object> REMOVED = new Entry<>(null, 0, null);

    private final int seed = ThreadLocalRandom.current().nextInt();
    /** Power-of-two sized, always with at least one null slot so probes end; null while empty. */
    private volatile AtomicReferenceArray<Entry<V>> slots;
    /** Entries present. Writer only. */
    private int liveEntries;
    /** Entries plus tombstones. Writer only. */
    private int usedSlots;

    /** The value under the level {@code topic[start, end)}, or null. Lock-free. */
    V get(String topic, int start, int end) {
        AtomicReferenceArray<Entry<V>> table = slots;
        if (table == null) {
            return null;
        }
        int hash = hash(topic, start, end);
        int mask = table.length() - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Entry<V> entry = table.getAcquire(i);
            if (entry == null) {
                return null;
            }
            if (entry.matches(hash, topic, start, end)) {
                return entry.value();
            }
        }
    }

    /** Calls {@code action} with every value. Lock-free; allocates nothing of its own. */
    void forEach(Consumer<? super V> action) {
        AtomicReferenceArray<Entry<V>> table = slots;
        if (table == null) {
            return;
        }
        for (int i = 0; i < table.length(); i++) {
            Entry<V> entry = table.getAcquire(i);
            if (entry != null && entry.isLive()) {
                action.accept(entry.value());
            }
        }
    }

    /** True when the map holds nothing. Lock-free. */
    boolean isEmpty() {
        return slots == null;
    }

    /** Adds or replaces the value under {@code level}. Writer only. */
    void put(String level, V value) {
        AtomicReferenceArray<Entry<V>> table = slots;
        if (table == null || usedSlots + 1 > maxUsedSlots(table.length())) {
            table = rebuild(liveEntries + 1);
        }
        int hash = hash(level, 0, level.length());
        int mask = table.length() - 1;
        int tombstone = -1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Entry<V> entry = table.get(i);
            if (entry == null) {
                int target = tombstone >= 0 ? tombstone : i;
                if (target == i) {
                    usedSlots++;
                }
                table.setRelease(target, new Entry<>(level, hash, value));
                liveEntries++;
                return;
            }
            if (!entry.isLive()) {
                tombstone = tombstone >= 0 ? tombstone : i;
            } else if (entry.matches(hash, level, 0, level.length())) {
                table.setRelease(i, new Entry<>(level, hash, value));
                return;
            }
        }
    }

    /** Removes the value under {@code level}, if any. Writer only. */
    void remove(String level) {
        AtomicReferenceArray<Entry<V>> table = slots;
        if (table == null) {
            return;
        }
        int hash = hash(level, 0, level.length());
        int mask = table.length() - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Entry<V> entry = table.get(i);
            if (entry == null) {
                return;
            }
            if (entry.matches(hash, level, 0, level.length())) {
                table.setRelease(i, removed());
                liveEntries--;
                shrinkIfSparse(table.length());
                return;
            }
        }
    }

    private void shrinkIfSparse(int capacity) {
        if (liveEntries == 0) {
            slots = null;
            usedSlots = 0;
        } else if (capacity > MIN_CAPACITY && liveEntries * 8 <= capacity) {
            rebuild(liveEntries);
        }
    }

    /** Copies the live entries into a fresh array sized for {@code entriesToHold} and publishes it. */
    private AtomicReferenceArray<Entry<V>> rebuild(int entriesToHold) {
        int capacity = MIN_CAPACITY;
        while (capacity < 2 * entriesToHold) {
            capacity <<= 1;
        }
        AtomicReferenceArray<Entry<V>> fresh = new AtomicReferenceArray<>(capacity);
        AtomicReferenceArray<Entry<V>> old = slots;
        if (old != null) {
            for (int i = 0; i < old.length(); i++) {
                Entry<V> entry = old.get(i);
                if (entry != null && entry.isLive()) {
                    int slot = entry.hash() & (capacity - 1);
                    while (fresh.getPlain(slot) != null) {
                        slot = (slot + 1) & (capacity - 1);
                    }
                    fresh.setPlain(slot, entry); // published by the volatile write below
                }
            }
        }
        usedSlots = liveEntries;
        slots = fresh;
        return fresh;
    }

    private static int maxUsedSlots(int capacity) {
        return capacity * 3 / 4;
    }

    /** Seeded FNV-1a over the chars, then the murmur3 finalizer so every bit reaches the index bits. */
    private int hash(String topic, int start, int end) {
        int h = seed;
        for (int i = start; i < end; i++) {
            h = (h ^ topic.charAt(i)) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    @SuppressWarnings("unchecked")
    private static <V> Entry<V> removed() {
        return (Entry<V>) REMOVED;
    }

    /** One slot's content; a null key marks a tombstone. */
    private record Entry<V>(String key, int hash, V value) {

        boolean isLive() {
            return key != null;
        }

        boolean matches(int otherHash, String topic, int start, int end) {
            int length = end - start;
            return hash == otherHash
                    && key != null
                    && key.length() == length
                    && key.regionMatches(0, topic, start, length);
        }
    }
}
