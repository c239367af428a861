package io.thingbus.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingbus.storage.StoreSamples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every {@link RetainedMessageStore} must do; each implementation's test extends this (the
 * RocksDB one in thingbus-store-rocksdb too). A durable implementation also overrides
 * {@link #reopen(RetainedMessageStore)} and {@link #survivesReopen()}, and closes what it opened in
 * {@link #closeStore(RetainedMessageStore)}.
 */
public abstract class RetainedMessageStoreContract {

    /** Topics the wildcard cases run against: empty levels, prefixes of each other and {@code $} topics. */
    private static final List<String> TOPICS =
            List.of("a", "a/b", "a/b/c", "a/", "a//c", "/a", "b", "a/$x", "$SYS", "$SYS/x");

    protected RetainedMessageStore store;

    /** A fresh, empty store for each test. */
    protected abstract RetainedMessageStore newStore();

    /**
     * The store re-opened on the data of {@code current} once everything written to it is durable: a
     * durable implementation closes {@code current} and opens the same data anew; an in-memory one
     * returns {@code current}, which is the default.
     */
    protected RetainedMessageStore reopen(RetainedMessageStore current) {
        return current;
    }

    /** True when the implementation keeps its data across {@link #reopen(RetainedMessageStore)}. */
    protected boolean survivesReopen() {
        return false;
    }

    /** Releases what {@link #newStore()} or {@link #reopen} opened; nothing by default. */
    protected void closeStore(RetainedMessageStore current) {
    }

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @AfterEach
    void releaseStore() {
        closeStore(store);
    }

    @Test
    void retainedMessagesSurviveAReopen() {
        RetainedMessageStore before = store;
        Message full = StoreSamples.fullMessage("devices/d1/state");
        Message minimal = StoreSamples.minimalMessage("$SYS/broker/uptime");
        Message unicode = retained("温度/🌡️/ü", "21.5 °C");
        store.put(full);
        store.put(minimal);
        store.put(unicode);
        store.put(retained("replaced", "first"));
        Message replacement = retained("replaced", "second");
        store.put(replacement);
        store.put(retained("removed/a"));
        store.remove("removed/a");

        store = reopen(store);

        assertThat(store != before).as("a new instance after reopen").isEqualTo(survivesReopen());
        assertThat(store.size()).isEqualTo(4);
        StoreSamples.assertSameContent(store.get("devices/d1/state").orElseThrow(), full);
        StoreSamples.assertSameContent(store.get("$SYS/broker/uptime").orElseThrow(), minimal);
        StoreSamples.assertSameContent(store.get("温度/🌡️/ü").orElseThrow(), unicode);
        StoreSamples.assertSameContent(store.get("replaced").orElseThrow(), replacement);
        assertThat(store.get("removed/a")).isEmpty();
        assertThat(topicsMatching("#")).containsExactlyInAnyOrder("devices/d1/state", "温度/🌡️/ü", "replaced");
        assertThat(topicsMatching("$SYS/#")).containsExactly("$SYS/broker/uptime");
    }

    @Test
    void forEachHandsOverEveryRetainedMessageIncludingDollarTopics() {
        for (String topic : TOPICS) {
            store.put(retained(topic));
        }
        store.remove("a/b");

        List<String> seen = new ArrayList<>();
        store.forEach(message -> seen.add(message.topic()));

        List<String> expected = new ArrayList<>(TOPICS);
        expected.remove("a/b");
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aLargeRetainedMessageSurvivesAReopen() {
        Message large = StoreSamples.largeMessage("large/" + "x/".repeat(1_000) + "end", 2 * 1024 * 1024);
        store.put(large);

        store = reopen(store);

        StoreSamples.assertSameContent(store.get(large.topic()).orElseThrow(), large);
    }

    @Test
    void manyRetainedMessagesSurviveAReopen() {
        for (int i = 0; i < 10_000; i++) {
            store.put(retained("sensors/" + (i % 100) + "/" + i, Integer.toString(i)));
        }
        for (int i = 0; i < 10_000; i += 2) {
            store.remove("sensors/" + (i % 100) + "/" + i);
        }

        store = reopen(store);

        assertThat(store.size()).isEqualTo(5_000);
        assertThat(topicsMatching("sensors/1/+")).hasSize(100);
        assertThat(topicsMatching("sensors/2/+")).isEmpty();
        assertThat(store.get("sensors/99/9999").orElseThrow().payload()).isEqualTo("9999".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void isEmptyAtFirst() {
        assertThat(store.size()).isZero();
        assertThat(store.get("a")).isEmpty();
        assertThat(matching("#")).isEmpty();
    }

    @Test
    void returnsTheRetainedMessageOfExactlyItsTopic() {
        Message message = retained("a/b");
        store.put(message);

        assertThat(store.get("a/b")).containsSame(message);
        assertThat(store.get("a")).isEmpty();
        assertThat(store.get("a/b/c")).isEmpty();
        assertThat(store.get("a/b/")).isEmpty();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void replacesTheMessageOfATopic() {
        Message first = retained("a/b", "first");
        Message second = retained("a/b", "second");
        store.put(first);
        store.put(second);

        assertThat(store.get("a/b")).containsSame(second);
        assertThat(matching("a/#")).containsExactly(second);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void keepsTopicsThatArePrefixesOfEachOtherApart() {
        Message parent = retained("a");
        Message child = retained("a/b");
        store.put(parent);
        store.put(child);

        assertThat(store.get("a")).containsSame(parent);
        assertThat(store.get("a/b")).containsSame(child);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void clearsARetainedMessage() {
        store.put(retained("a/b"));

        assertThat(store.remove("a/b")).isTrue();
        assertThat(store.remove("a/b")).isFalse();
        assertThat(store.get("a/b")).isEmpty();
        assertThat(matching("#")).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void clearingATopicLeavesItsParentAndChildren() {
        store.put(retained("a"));
        store.put(retained("a/b"));
        store.put(retained("a/b/c"));

        assertThat(store.remove("a/b")).isTrue();

        assertThat(topicsMatching("#")).containsExactlyInAnyOrder("a", "a/b/c");
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void clearingAnAbsentTopicChangesNothing() {
        store.put(retained("a/b"));

        assertThat(store.remove("a")).isFalse();
        assertThat(store.remove("a/b/c")).isFalse();
        assertThat(store.remove("x")).isFalse();

        assertThat(store.get("a/b")).isPresent();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aClearedTopicCanBeRetainedAgain() {
        store.put(retained("a/b/c"));
        store.remove("a/b/c");
        Message again = retained("a/b/c", "again");
        store.put(again);

        assertThat(store.get("a/b/c")).containsSame(again);
        assertThat(matching("a/+/c")).containsExactly(again);
    }

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource(delimiter = '|', value = {
            "a         | a",
            "a/b       | a/b",
            "a/#       | a a/b a/b/c a/ a//c a/$x",
            "#         | a a/b a/b/c a/ a//c /a b a/$x",
            "+/#       | a a/b a/b/c a/ a//c /a b a/$x",
            "+         | a b",
            "+/+       | a/b a/ /a a/$x",
            "a/+       | a/b a/ a/$x",
            "a/+/c     | a/b/c a//c",
            "/+        | /a",
            "/#        | /a",
            "a/b/c/#   | a/b/c",
            "a/b/c/+   | ''",
            "+/x       | ''",
            "$SYS/#    | $SYS $SYS/x",
            "$SYS/+    | $SYS/x",
            "$SYS      | $SYS",
            "nothing/# | ''",
    })
    void matchesWildcardsLikeMqtt(String filter, String expectedTopics) {
        TOPICS.forEach(topic -> store.put(retained(topic)));

        List<String> expected = expectedTopics.isEmpty() ? List.of() : Arrays.asList(expectedTopics.split(" "));
        assertThat(topicsMatching(filter)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void agreesWithAReferenceMatcherOnRandomTopicsAndFilters() {
        Random random = new Random(11);
        String[] topicLevels = {"a", "b", "", "$s"};
        String[] filterLevels = {"a", "b", "", "$s", "+", "+", "#"};
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String topic = randomLevels(random, topicLevels);
            if (!topic.isEmpty()) {
                topics.add(topic);
                store.put(retained(topic));
            }
        }
        List<String> retainedTopics = topics.stream().distinct().toList();
        for (int i = 0; i < 1_000; i++) {
            String filter = randomLevels(random, filterLevels);
            if (filter.isEmpty()) {
                continue;
            }
            List<String> expected = retainedTopics.stream().filter(topic -> ReferenceMatcher.matches(filter, topic)).toList();
            assertThat(topicsMatching(filter)).as("matches of %s", filter).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(store.size()).isEqualTo(retainedTopics.size());
    }

    /** One to four levels joined by '/', stopping after a '#'. */
    private static String randomLevels(Random random, String[] choices) {
        List<String> levels = new ArrayList<>();
        for (int depth = 1 + random.nextInt(4); depth > 0; depth--) {
            String level = choices[random.nextInt(choices.length)];
            levels.add(level);
            if (level.equals("#")) {
                break;
            }
        }
        return String.join("/", levels);
    }

    @Test
    void rejectsAnInvalidTopicOrFilter() {
        assertThatThrownBy(() -> store.put(retained("a/+"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put(retained("a/#"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put(retained(""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.forEachMatching("a/#/b", message -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.size()).isZero();
    }

    @Test
    void readersAlwaysSeeStableMessagesWhileWritersChurn() throws Exception {
        List<String> stable = List.of("s/1", "s/2/x", "s/3/x/y");
        stable.forEach(topic -> store.put(retained(topic)));
        AtomicBoolean writersDone = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                String prefix = "w" + w;
                writers.add(threads.submit(() -> churn(prefix)));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(threads.submit(() -> readUntil(writersDone, stable)));
            }

            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            writersDone.set(true);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            writersDone.set(true);
            threads.shutdownNow();
        }
        assertThat(topicsMatching("#")).containsExactlyInAnyOrderElementsOf(stable);
        assertThat(store.size()).isEqualTo(stable.size());
    }

    /** Sets and clears topics beside and below the stable ones, so their nodes are created and pruned. */
    private void churn(String prefix) {
        for (int round = 0; round < 2_000; round++) {
            List<String> topics = List.of("s/2/" + prefix, "s/3/x/y/" + prefix, "s/" + prefix + "/z", prefix + "/a");
            topics.forEach(topic -> store.put(retained(topic)));
            topics.forEach(store::remove);
        }
    }

    private int readUntil(AtomicBoolean writersDone, List<String> stable) {
        int rounds = 0;
        boolean lastRound;
        do {
            lastRound = writersDone.get();
            assertThat(topicsMatching("s/#")).containsAll(stable);
            assertThat(topicsMatching("s/+/x")).contains("s/2/x");
            for (String topic : stable) {
                assertThat(store.get(topic)).isPresent();
            }
            rounds++;
        } while (!lastRound);
        return rounds;
    }

    protected final List<Message> matching(String filter) {
        List<Message> matches = new ArrayList<>();
        store.forEachMatching(filter, matches::add);
        return matches;
    }

    protected final List<String> topicsMatching(String filter) {
        return matching(filter).stream().map(Message::topic).toList();
    }

    protected static Message retained(String topic) {
        return retained(topic, topic);
    }

    protected static Message retained(String topic, String payload) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), Qos.AT_LEAST_ONCE, true,
                MessageProperties.NONE, "publisher", 0, Message.NEVER_EXPIRES);
    }
}
