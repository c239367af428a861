package io.thingbus.messaging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The subscription index: for a topic name, every value whose topic filter matches it.
 *
 * <p>Each node is one filter level and holds, per key, the values of the filters that end there. A
 * node keeps its exact-level children in a {@link TopicLevelMap} and its {@code +} and {@code #}
 * children in fields of their own. Matching walks the topic level by level into the exact child and
 * the {@code +} child only, and collects the {@code #} child's values on the way, so its cost depends
 * on the topic depth and the matching subscriptions, never on how many subscriptions exist. Levels
 * are looked up by their char range in the topic name, so matching splits nothing and cuts no
 * substrings. It recurses only where the walk forks (both an exact and a {@code +} child exist), so
 * the stack grows with the forks along one path, not with the depth of the topic.
 *
 * <p>Matching follows MQTT: {@code +} matches exactly one level, empty levels included; {@code #}
 * matches its parent level and any number of levels below ({@code a/#} matches {@code a}); a filter
 * whose first level is a wildcard does not match a topic name beginning with {@code $}.
 *
 * <p>Thread safety: {@link #forEachMatch} is lock-free and may run on any number of threads alongside
 * {@link #put} and {@link #remove}. Writers are serialized by a lock that also covers pruning, so
 * pruning a node never loses a concurrent put. A match visits every entry present for its whole
 * duration; entries put or removed meanwhile may or may not be visited.
 *
 * @param <K> what tells subscriptions with the same filter apart, such as a client id
 * @param <V> what a match hands to the visitor, such as the subscription
 */
public final class TopicTrie<K, V> {

    private final Node<K, V> root = new Node<>(null, "");
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile int size;

    /**
     * Stores {@code value} for {@code key} under the (valid, non-shared) filter and returns the value
     * it replaces, or null. Throws {@link IllegalArgumentException} for an invalid filter.
     */
    public V put(String filter, K key, V value) {
        requireValidFilter(filter);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        writeLock.lock();
        try {
            Node<K, V> node = nodeOf(filter, true);
            ConcurrentHashMap<K, V> values = node.values;
            if (values == null) {
                values = new ConcurrentHashMap<>();
                node.values = values;
            }
            V previous = values.put(key, value);
            if (previous == null) {
                size++;
            }
            return previous;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Removes the value of {@code key} under the filter and returns it, or null when there was none,
     * pruning nodes left empty. Throws {@link IllegalArgumentException} for an invalid filter.
     */
    public V remove(String filter, K key) {
        requireValidFilter(filter);
        Objects.requireNonNull(key, "key");
        writeLock.lock();
        try {
            Node<K, V> node = nodeOf(filter, false);
            ConcurrentHashMap<K, V> values = node == null ? null : node.values;
            V removed = values == null ? null : values.remove(key);
            if (removed != null) {
                size--;
                if (values.isEmpty()) {
                    node.values = null;
                }
                prune(node);
            }
            return removed;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Hands the visitor every value whose filter matches the topic name, once per matching filter: a key
     * subscribed with two overlapping filters is visited twice. The topic name must be valid (the
     * caller checks it); wildcard characters in it would only match literally. Lock-free.
     */
    public void forEachMatch(String topicName, Consumer<? super V> visitor) {
        Objects.requireNonNull(topicName, "topicName");
        Objects.requireNonNull(visitor, "visitor");
        matchFrom(root, topicName, 0, visitor);
    }

    /** How many (filter, key) entries the trie holds. */
    public int size() {
        return size;
    }

    /** True when the trie holds no entry. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** How many nodes hang below the root, so tests can check that removal prunes. */
    int nodeCount() {
        int count = 0;
        Deque<Node<K, V>> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node<K, V> node = pending.pop();
            node.children.forEach(pending::push);
            pushIfPresent(pending, node.singleLevelWildcardChild);
            pushIfPresent(pending, node.multiLevelWildcardChild);
            count++;
        }
        return count - 1;
    }

    /**
     * Matches the levels of {@code topic} from {@code levelStart} against the filters below {@code node}.
     * A {@code levelStart} past the end of the topic means every level has been matched.
     */
    private static <K, V> void matchFrom(Node<K, V> node, String topic, int levelStart, Consumer<? super V> visitor) {
        while (node != null) {
            boolean wildcardsMatch = levelStart > 0 || !Topics.beginsWithDollar(topic);
            if (wildcardsMatch) {
                visitValues(node.multiLevelWildcardChild, visitor);
            }
            if (levelStart > topic.length()) {
                visitValues(node, visitor);
                return;
            }
            int levelEnd = Topics.levelEnd(topic, levelStart);
            Node<K, V> exact = node.children.get(topic, levelStart, levelEnd);
            Node<K, V> anyLevel = wildcardsMatch ? node.singleLevelWildcardChild : null;
            levelStart = levelEnd + 1;
            if (exact != null && anyLevel != null) {
                matchFrom(anyLevel, topic, levelStart, visitor);
            }
            node = exact != null ? exact : anyLevel;
        }
    }

    private static <V> void visitValues(Node<?, V> node, Consumer<? super V> visitor) {
        Map<?, V> values = node == null ? null : node.values;
        if (values != null) {
            values.values().forEach(visitor);
        }
    }

    /** The node of the filter's last level, created with its ancestors when asked to. Writer only. */
    private Node<K, V> nodeOf(String filter, boolean createMissing) {
        Node<K, V> node = root;
        for (int levelStart = 0; levelStart <= filter.length(); ) {
            int levelEnd = Topics.levelEnd(filter, levelStart);
            Node<K, V> child = node.child(filter, levelStart, levelEnd);
            if (child == null) {
                if (!createMissing) {
                    return null;
                }
                child = node.addChild(filter.substring(levelStart, levelEnd));
            }
            node = child;
            levelStart = levelEnd + 1;
        }
        return node;
    }

    /** Unlinks {@code node} and then each ancestor that is left empty. Writer only. */
    private void prune(Node<K, V> node) {
        while (node != root && node.isEmpty()) {
            node.parent.unlink(node);
            node = node.parent;
        }
    }

    private static void requireValidFilter(String filter) {
        if (!Topics.isValidTopicFilter(filter)) {
            throw new IllegalArgumentException("invalid topic filter '" + filter + "'");
        }
    }

    private static <N> void pushIfPresent(Deque<N> pending, N node) {
        if (node != null) {
            pending.push(node);
        }
    }

    /** One filter level. Fields are written under the trie's lock and read without it. */
    private static final class Node<K, V> {
        final Node<K, V> parent;
        final String level;
        final TopicLevelMap<Node<K, V>> children = new TopicLevelMap<>();
        volatile Node<K, V> singleLevelWildcardChild;
        volatile Node<K, V> multiLevelWildcardChild;
        /** The values of the filters that end at this level, by key; null while there are none. */
        volatile ConcurrentHashMap<K, V> values;

        Node(Node<K, V> parent, String level) {
            this.parent = parent;
            this.level = level;
        }

        Node<K, V> child(String filter, int levelStart, int levelEnd) {
            if (Topics.levelIs(filter, levelStart, levelEnd, '+')) {
                return singleLevelWildcardChild;
            }
            if (Topics.levelIs(filter, levelStart, levelEnd, '#')) {
                return multiLevelWildcardChild;
            }
            return children.get(filter, levelStart, levelEnd);
        }

        Node<K, V> addChild(String childLevel) {
            Node<K, V> child = new Node<>(this, childLevel);
            switch (childLevel) {
                case "+" -> singleLevelWildcardChild = child;
                case "#" -> multiLevelWildcardChild = child;
                default -> children.put(childLevel, child);
            }
            return child;
        }

        void unlink(Node<K, V> child) {
            if (child == singleLevelWildcardChild) {
                singleLevelWildcardChild = null;
            } else if (child == multiLevelWildcardChild) {
                multiLevelWildcardChild = null;
            } else {
                children.remove(child.level);
            }
        }

        boolean isEmpty() {
            return values == null
                    && children.isEmpty()
                    && singleLevelWildcardChild == null
                    && multiLevelWildcardChild == null;
        }
    }
}
