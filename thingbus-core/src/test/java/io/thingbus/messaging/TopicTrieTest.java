package io.thingbus.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicTrieTest {

    private final TopicTrie<String, String> trie = new TopicTrie<>();

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "a/b        | a/b       | true",
            "a/b        | a         | false",
            "a          | a/b       | false",
            "a/b        | a/bc      | false",
            "a/+        | a/b       | true",
            "a/+        | a/        | true",
            "a/+        | a         | false",
            "a/+        | a/b/c     | false",
            "+          | a         | true",
            "+          | /a        | false",
            "+/+        | /a        | true",
            "+/+        | /         | true",
            "+/b        | /b        | true",
            "/+         | /x        | true",
            "a//b       | a//b      | true",
            "a/+/b      | a//b      | true",
            "a//b       | a/b       | false",
            "#          | a         | true",
            "#          | /         | true",
            "#          | a/b/c     | true",
            "a/#        | a         | true",
            "a/#        | a/        | true",
            "a/#        | a/b       | true",
            "a/#        | a/b/c     | true",
            "a/#        | ab        | false",
            "a/#        | b/a       | false",
            "a/+/#      | a         | false",
            "a/+/#      | a/b       | true",
            "a/+/#      | a/b/c/d   | true",
            "/#         | /         | true",
            "/#         | a         | false",
            "+/#        | a         | true",
            "#          | $SYS/x    | false",
            "#          | $SYS      | false",
            "+/x        | $SYS/x    | false",
            "+          | $SYS      | false",
            "+/#        | $SYS/x    | false",
            "$SYS/#     | $SYS/x    | true",
            "$SYS/#     | $SYS      | true",
            "$SYS/+     | $SYS/x    | true",
            "$SYS/x     | $SYS/x    | true",
            "a/+        | a/$x      | true",
            "#          | a/$x      | true",
            "+/$x       | a/$x      | true",
    })
    void matchesLikeMqtt(String filter, String topic, boolean matches) {
        trie.put(filter, "client", filter);

        assertThat(matchesOf(topic)).isEqualTo(matches ? List.of(filter) : List.of());
    }

    @Test
    void visitsEveryKeyOfAMatchingFilter() {
        trie.put("a/b", "c1", "v1");
        trie.put("a/b", "c2", "v2");
        trie.put("a/c", "c3", "v3");

        assertThat(matchesOf("a/b")).containsExactlyInAnyOrder("v1", "v2");
    }

    @Test
    void visitsAKeyOncePerOverlappingFilter() {
        trie.put("a/+", "client", "plus");
        trie.put("a/#", "client", "hash");
        trie.put("a/b", "client", "exact");
        trie.put("#", "client", "all");

        assertThat(matchesOf("a/b")).containsExactlyInAnyOrder("plus", "hash", "exact", "all");
    }

    @Test
    void putReplacesTheValueOfTheSameFilterAndKey() {
        assertThat(trie.put("a/+", "client", "first")).isNull();
        assertThat(trie.put("a/+", "client", "second")).isEqualTo("first");

        assertThat(trie.size()).isEqualTo(1);
        assertThat(matchesOf("a/b")).containsExactly("second");
    }

    @Test
    void countsFilterAndKeyPairs() {
        assertThat(trie.isEmpty()).isTrue();
        trie.put("a", "c1", "v");
        trie.put("a", "c2", "v");
        trie.put("b/#", "c1", "v");

        assertThat(trie.size()).isEqualTo(3);
        assertThat(trie.isEmpty()).isFalse();
    }

    @Test
    void removeReturnsTheRemovedValueOnlyForAPresentPair() {
        trie.put("a/+", "c1", "v1");
        trie.put("a/+", "c2", "v2");

        assertThat(trie.remove("a/+", "c3")).isNull();
        assertThat(trie.remove("a/#", "c1")).isNull();
        assertThat(trie.remove("x/y/z", "c1")).isNull();
        assertThat(trie.remove("a/+", "c1")).isEqualTo("v1");
        assertThat(trie.remove("a/+", "c1")).isNull();

        assertThat(trie.size()).isEqualTo(1);
        assertThat(matchesOf("a/b")).containsExactly("v2");
    }

    @Test
    void removePrunesTheNodesItEmpties() {
        trie.put("a/b/c/d", "client", "v");
        assertThat(trie.nodeCount()).isEqualTo(4);

        trie.remove("a/b/c/d", "client");

        assertThat(trie.nodeCount()).isZero();
        assertThat(trie.isEmpty()).isTrue();
    }

    @Test
    void removeKeepsNodesOthersStillUse() {
        trie.put("a/b", "client", "short");
        trie.put("a/b/c/d", "client", "long");
        trie.put("a/+/#", "client", "wild");

        trie.remove("a/b/c/d", "client");
        assertThat(trie.nodeCount()).isEqualTo(4); // a, a/b, a/+, a/+/#

        trie.remove("a/+/#", "client");
        assertThat(trie.nodeCount()).isEqualTo(2);
        assertThat(matchesOf("a/b")).containsExactly("short");

        trie.remove("a/b", "client");
        assertThat(trie.nodeCount()).isZero();
    }

    @Test
    void aPrunedFilterCanBeSubscribedAgain() {
        trie.put("a/+/c", "client", "first");
        trie.remove("a/+/c", "client");
        trie.put("a/+/c", "client", "again");

        assertThat(matchesOf("a/b/c")).containsExactly("again");
    }

    @Test
    void rejectsInvalidFilters() {
        assertThatThrownBy(() -> trie.put("a/#/b", "client", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a/#/b");
        assertThatThrownBy(() -> trie.put("", "client", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trie.remove("a+", "client")).isInstanceOf(IllegalArgumentException.class);
        assertThat(trie.isEmpty()).isTrue();
    }

    @Test
    void matchesTheDeepestTopicWithoutExhaustingASmallStack() throws Exception {
        String deepest = "/".repeat(Topics.MAX_LENGTH_BYTES); // 65,536 empty levels
        String deepestWildcards = "+/".repeat(Topics.MAX_LENGTH_BYTES / 2) + "#";
        trie.put(deepest, "client", "exact");
        trie.put(deepestWildcards, "client", "wild");
        trie.put("#", "client", "all");

        List<String> matches = new ArrayList<>();
        Thread smallStack = new Thread(null, () -> trie.forEachMatch(deepest, matches::add), "small-stack", 128 * 1024);
        smallStack.start();
        smallStack.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(matches).containsExactlyInAnyOrder("exact", "wild", "all");
    }

    @Test
    void agreesWithAReferenceMatcherOnRandomFiltersAndTopics() {
        Random random = new Random(7);
        List<String> filters = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String filter = randomFilter(random);
            filters.add(filter);
            trie.put(filter, "k" + i, filter + "#" + i);
        }
        for (int i = 0; i < 2_000; i++) {
            String topic = randomTopic(random);
            List<String> expected = new ArrayList<>();
            for (int f = 0; f < filters.size(); f++) {
                if (ReferenceMatcher.matches(filters.get(f), topic)) {
                    expected.add(filters.get(f) + "#" + f);
                }
            }
            assertThat(matchesOf(topic)).as("matches of %s", topic).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void readersAlwaysSeeStableSubscriptionsWhileWritersChurn() throws Exception {
        List<String> stableFilters = List.of("s/+/t", "s/#", "s/a/t", "#", "+/a/+");
        for (String filter : stableFilters) {
            trie.put(filter, "stable", filter);
        }
        List<String> churnFilters = List.of("s/a/t", "s/a/t/u/v", "s/+/t/#", "s/a", "+/+/+", "s/#", "x/y", "s/a/+");
        AtomicBoolean writersDone = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                String key = "churn" + w;
                writers.add(threads.submit(() -> churn(churnFilters, key)));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(threads.submit(() -> readUntil(writersDone)));
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
        assertThat(trie.size()).isEqualTo(stableFilters.size());
        assertThat(matchesOf("s/a/t")).containsExactlyInAnyOrder("s/+/t", "s/#", "s/a/t", "#", "+/a/+");
    }

    @Test
    void concurrentWritersNeverLoseAPutToPruning() throws Exception {
        // One writer keeps emptying "a/b" (which prunes a and a/b) while the other keeps using them.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Void> parent = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 20_000; i++) {
                    trie.put("a/b", "parent", "parent");
                    trie.remove("a/b", "parent");
                }
                trie.put("a/b", "parent", "parent");
            }, threads);
            CompletableFuture<Void> child = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 20_000; i++) {
                    trie.put("a/b/c", "child", "child");
                    trie.remove("a/b/c", "child");
                }
                trie.put("a/b/c", "child", "child");
            }, threads);
            CompletableFuture.allOf(parent, child).get(60, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        assertThat(matchesOf("a/b")).containsExactly("parent");
        assertThat(matchesOf("a/b/c")).containsExactly("child");
        assertThat(trie.size()).isEqualTo(2);
        assertThat(trie.nodeCount()).isEqualTo(3);
    }

    private void churn(List<String> filters, String key) {
        for (int round = 0; round < 3_000; round++) {
            for (String filter : filters) {
                trie.put(filter, key, "churn");
            }
            for (String filter : filters) {
                trie.remove(filter, key);
            }
        }
    }

    /** Matches until the writers are done (and once more), failing on a missed or unknown value; returns rounds read. */
    private int readUntil(AtomicBoolean writersDone) {
        int rounds = 0;
        boolean lastRound;
        do {
            lastRound = writersDone.get();
            List<String> seen = matchesOf("s/a/t");
            assertThat(seen.stream().filter(value -> !value.equals("churn")))
                    .containsExactlyInAnyOrder("s/+/t", "s/#", "s/a/t", "#", "+/a/+");
            assertThat(matchesOf("$SYS/a/t")).isEmpty();
            rounds++;
        } while (!lastRound);
        return rounds;
    }

    private List<String> matchesOf(String topic) {
        List<String> matches = new ArrayList<>();
        trie.forEachMatch(topic, matches::add);
        return matches;
    }

    private static final String[] LEVELS = {"a", "b", "", "$s"};

    private static String randomFilter(Random random) {
        int depth = 1 + random.nextInt(4);
        StringBuilder filter = new StringBuilder();
        for (int level = 0; level < depth; level++) {
            if (level > 0) {
                filter.append('/');
            }
            int pick = random.nextInt(LEVELS.length + 2);
            if (pick == LEVELS.length + 1) {
                return filter.append('#').toString();
            }
            filter.append(pick == LEVELS.length ? "+" : LEVELS[pick]);
        }
        return filter.isEmpty() ? "a" : filter.toString();
    }

    private static String randomTopic(Random random) {
        int depth = 1 + random.nextInt(5);
        StringBuilder topic = new StringBuilder(LEVELS[random.nextInt(LEVELS.length)]);
        for (int level = 1; level < depth; level++) {
            topic.append('/').append(LEVELS[random.nextInt(LEVELS.length)]);
        }
        return topic.isEmpty() ? "a" : topic.toString();
    }
}
