package io.thingbus.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TopicLevelMapTest {

    private final TopicLevelMap<String> map = new TopicLevelMap<>();

    @Test
    void findsALevelByItsCharRangeInATopic() {
        map.put("bc", "value");

        assertThat(map.get("a/bc/d", 2, 4)).isEqualTo("value");
        assertThat(map.get("bc", 0, 2)).isEqualTo("value");
        assertThat(map.get("a/bcd", 2, 5)).isNull();
        assertThat(map.get("a/b", 2, 3)).isNull();
    }

    @Test
    void holdsTheEmptyLevel() {
        map.put("", "empty");

        assertThat(map.get("a//b", 2, 2)).isEqualTo("empty");
        assertThat(map.get("a/x/b", 2, 3)).isNull();
    }

    @Test
    void replacesTheValueOfAnExistingLevel() {
        map.put("a", "first");
        map.put("a", "second");

        assertThat(map.get("a", 0, 1)).isEqualTo("second");
        assertThat(valuesOf(map)).containsExactly("second");
    }

    @Test
    void becomesEmptyWhenTheLastLevelIsRemoved() {
        assertThat(map.isEmpty()).isTrue();
        map.put("a", "1");
        map.put("b", "2");
        assertThat(map.isEmpty()).isFalse();

        map.remove("a");
        map.remove("missing");
        assertThat(map.isEmpty()).isFalse();
        map.remove("b");

        assertThat(map.isEmpty()).isTrue();
        assertThat(map.get("b", 0, 1)).isNull();
        assertThat(valuesOf(map)).isEmpty();
    }

    @Test
    void keepsEveryLevelThroughGrowthAndShrinking() {
        for (int i = 0; i < 10_000; i++) {
            map.put("level" + i, "v" + i);
        }
        for (int i = 0; i < 10_000; i += 2) {
            map.remove("level" + i);
        }
        for (int i = 2; i < 10_000; i++) {
            map.remove("level" + i);
        }

        assertThat(valuesOf(map)).containsExactly("v1");
        assertThat(map.get("level1", 0, 6)).isEqualTo("v1");
        assertThat(map.get("level0", 0, 6)).isNull();
    }

    @Test
    void keepsLevelsWhoseStringHashCodesCollide() {
        List<String> colliding = collidingLevels(10); // 1024 strings with one String.hashCode()
        assertThat(colliding.stream().mapToInt(String::hashCode).distinct()).hasSize(1);

        colliding.forEach(level -> map.put(level, level));
        colliding.subList(0, 512).forEach(map::remove);

        for (String level : colliding.subList(512, 1024)) {
            assertThat(map.get(level, 0, level.length())).isEqualTo(level);
        }
        for (String level : colliding.subList(0, 512)) {
            assertThat(map.get(level, 0, level.length())).isNull();
        }
    }

    @Test
    void behavesLikeAHashMapUnderRandomOperations() {
        Map<String, String> expected = new HashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            String level = "k" + random.nextInt(300);
            if (random.nextInt(3) == 0) {
                map.remove(level);
                expected.remove(level);
            } else {
                map.put(level, level + "@" + step);
                expected.put(level, level + "@" + step);
            }
            String probe = "x/k" + random.nextInt(300) + "/y";
            assertThat(map.get(probe, 2, probe.length() - 2)).isEqualTo(expected.get(probe.substring(2, probe.length() - 2)));
        }
        assertThat(valuesOf(map)).containsExactlyInAnyOrderElementsOf(expected.values());
        assertThat(map.isEmpty()).isEqualTo(expected.isEmpty());
    }

    @Test
    void readersAlwaysSeeStableLevelsWhileAWriterChurnsTheTable() throws Exception {
        List<String> stable = List.of("s1", "s2", "s3", "s4");
        stable.forEach(level -> map.put(level, level));
        AtomicBoolean writerDone = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(threads.submit(() -> readUntil(writerDone, stable)));
            }
            Future<?> writer = threads.submit(() -> {
                try {
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < 200; i++) {
                            map.put("churn" + i, "churn");
                        }
                        for (int i = 0; i < 200; i++) {
                            map.remove("churn" + i);
                        }
                    }
                } finally {
                    writerDone.set(true);
                }
            });

            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(valuesOf(map)).containsExactlyInAnyOrderElementsOf(stable);
    }

    /** Reads until the writer is done (and at least once more), failing on a missed stable level; returns rounds read. */
    private int readUntil(AtomicBoolean writerDone, List<String> stable) {
        int rounds = 0;
        boolean lastRound;
        do {
            lastRound = writerDone.get();
            for (String level : stable) {
                String topic = "t/" + level + "/u";
                assertThat(map.get(topic, 2, 4)).isEqualTo(level);
            }
            List<String> seen = valuesOf(map);
            assertThat(seen).containsAll(stable).allMatch(value -> stable.contains(value) || value.equals("churn"));
            rounds++;
        } while (!lastRound);
        return rounds;
    }

    private static List<String> valuesOf(TopicLevelMap<String> map) {
        List<String> values = new ArrayList<>();
        map.forEach(values::add);
        return values;
    }

    /** All 2^blocks strings made of "Aa" and "BB" blocks; they share one String.hashCode(). */
    private static List<String> collidingLevels(int blocks) {
        List<String> levels = new ArrayList<>();
        for (int bits = 0; bits < 1 << blocks; bits++) {
            StringBuilder level = new StringBuilder();
            for (int b = 0; b < blocks; b++) {
                level.append((bits >> b & 1) == 0 ? "Aa" : "BB");
            }
            levels.add(level.toString());
        }
        return levels;
    }
}
