package io.thingbus.messaging;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Retained messages held in memory in a trie of topic levels, at most one message per node.
 *
 * <p>{@link #forEachMatching} walks only the branches the filter can match: the one child named by a
 * plain level, every child for {@code +}, and the node itself plus its whole subtree for {@code #}.
 * It keeps its pending branches on a heap stack, so even a topic of 65,536 levels cannot exhaust the
 * thread's stack.
 *
 * <p>Thread safety: reads ({@link #get}, {@link #forEachMatching}, {@link #size}) are lock-free and
 * run alongside writes; writes are serialized by a lock that also covers pruning. A read sees every
 * message retained for its whole duration; messages set or cleared meanwhile may or may not be seen.
 */
public final class InMemoryRetainedMessageStore implements RetainedMessageStore {

    /** The level start of a pending node whose whole subtree matches, under a {@code #}. */
    private static final int WHOLE_SUBTREE = -1;

    private final Node root = new Node(null, "");
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile long size;

    /** {@inheritDoc} Throws {@link IllegalArgumentException} when the topic is not a valid topic name. */
    @Override
    public void put(Message message) {
        String topic = message.topic();
        if (!Topics.isValidTopicName(topic)) {
            throw new IllegalArgumentException("invalid topic name '" + topic + "'");
        }
        writeLock.lock();
        try {
            Node node = root;
            for (int levelStart = 0; levelStart <= topic.length(); ) {
                int levelEnd = Topics.levelEnd(topic, levelStart);
                Node child = node.children.get(topic, levelStart, levelEnd);
                if (child == null) {
                    child = new Node(node, topic.substring(levelStart, levelEnd));
                    node.children.put(child.level, child);
                }
                node = child;
                levelStart = levelEnd + 1;
            }
            if (node.message == null) {
                size++;
            }
            node.message = message;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean remove(String topic) {
        Objects.requireNonNull(topic, "topic");
        writeLock.lock();
        try {
            Node node = nodeOf(topic);
            if (node == null || node.message == null) {
                return false;
            }
            node.message = null;
            size--;
            prune(node);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<Message> get(String topic) {
        Objects.requireNonNull(topic, "topic");
        Node node = nodeOf(topic);
        return node == null ? Optional.empty() : Optional.ofNullable(node.message);
    }

    /** {@inheritDoc} Throws {@link IllegalArgumentException} when the filter is not a valid topic filter. */
    @Override
    public void forEachMatching(String topicFilter, Consumer<Message> consumer) {
        visitMatching(topicFilter, consumer);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void forEach(Consumer<Message> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        Deque<Pending> pending = new ArrayDeque<>();
        pending.push(new Pending(root, WHOLE_SUBTREE));
        while (!pending.isEmpty()) {
            Node node = pending.pop().node();
            deliver(node, consumer);
            queueChildren(node, WHOLE_SUBTREE, false, pending);
        }
    }

    /**
     * Does the work of {@link #forEachMatching} and returns how many trie nodes it visited, so tests can
     * show that a walk never scans the whole store.
     */
    int visitMatching(String topicFilter, Consumer<Message> consumer) {
        if (!Topics.isValidTopicFilter(topicFilter)) {
            throw new IllegalArgumentException("invalid topic filter '" + topicFilter + "'");
        }
        Objects.requireNonNull(consumer, "consumer");
        Deque<Pending> pending = new ArrayDeque<>();
        pending.push(new Pending(root, 0));
        int visits = 0;
        while (!pending.isEmpty()) {
            Pending next = pending.pop();
            visits++;
            visit(next.node(), next.levelStart(), topicFilter, consumer, pending);
        }
        return visits;
    }

    /** Delivers what {@code node} matches and queues the children the rest of the filter can match. */
    private static void visit(Node node, int levelStart, String filter, Consumer<Message> consumer, Deque<Pending> pending) {
        if (levelStart == WHOLE_SUBTREE) {
            deliver(node, consumer);
            queueChildren(node, WHOLE_SUBTREE, false, pending);
            return;
        }
        if (levelStart > filter.length()) {
            deliver(node, consumer);
            return;
        }
        int levelEnd = Topics.levelEnd(filter, levelStart);
        boolean firstLevel = levelStart == 0;
        if (Topics.levelIs(filter, levelStart, levelEnd, '#')) {
            deliver(node, consumer); // '#' also matches its parent level: a/# matches a
            queueChildren(node, WHOLE_SUBTREE, firstLevel, pending);
        } else if (Topics.levelIs(filter, levelStart, levelEnd, '+')) {
            queueChildren(node, levelEnd + 1, firstLevel, pending);
        } else {
            Node child = node.children.get(filter, levelStart, levelEnd);
            if (child != null) {
                pending.push(new Pending(child, levelEnd + 1));
            }
        }
    }

    private static void queueChildren(Node node, int childLevelStart, boolean skipDollarLevels, Deque<Pending> pending) {
        node.children.forEach(child -> {
            if (!(skipDollarLevels && Topics.beginsWithDollar(child.level))) {
                pending.push(new Pending(child, childLevelStart));
            }
        });
    }

    private static void deliver(Node node, Consumer<Message> consumer) {
        Message message = node.message;
        if (message != null) {
            consumer.accept(message);
        }
    }

    /** The node of exactly this topic name, or null. Lock-free. */
    private Node nodeOf(String topic) {
        Node node = root;
        for (int levelStart = 0; node != null && levelStart <= topic.length(); ) {
            int levelEnd = Topics.levelEnd(topic, levelStart);
            node = node.children.get(topic, levelStart, levelEnd);
            levelStart = levelEnd + 1;
        }
        return node;
    }

    /** Unlinks {@code node} and then each ancestor left empty. Writer only. */
    private void prune(Node node) {
        while (node != root && node.isEmpty()) {
            node.parent.children.remove(node.level);
            node = node.parent;
        }
    }

    /** A node still to visit and where its level starts in the filter, or {@link #WHOLE_SUBTREE}. */
    private record Pending(Node node, int levelStart) {
    }

    /** One topic level. Fields are written under the store's lock and read without it. */
    private static final class Node {
        final Node parent;
        final String level;
        final TopicLevelMap<Node> children = new TopicLevelMap<>();
        volatile Message message;

        Node(Node parent, String level) {
            this.parent = parent;
            this.level = level;
        }

        boolean isEmpty() {
            return message == null && children.isEmpty();
        }
    }
}
