package io.thingbus.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.storage.FsyncPolicy;
import io.thingbus.storage.QueuedMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hub process killed with SIGKILL mid-stream loses nothing it acknowledged: a child JVM appends and
 * reports each completed barrier, the test kills it once enough are reported, re-opens the store and
 * finds every acknowledged entry. (A killed process loses no write the kernel has, so this holds for
 * every policy; only {@code always} also covers a power loss, which a test cannot cause.)
 */
class CrashDurabilityTest {

    private static final int ACKS_BEFORE_KILL = 3_000;

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"always", "interval:20", "never"})
    void nothingAcknowledgedIsLostWhenTheProcessIsKilled(String policy) throws Exception {
        Path store = directory.resolve("store");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), store.toString(), policy)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long highestAcked = -1;
        int acks = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acks < ACKS_BEFORE_KILL && (line = lines.readLine()) != null) {
                if (line.startsWith("acked ")) {
                    highestAcked = Math.max(highestAcked, Long.parseLong(line.substring("acked ".length())));
                    acks++;
                }
            }
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acks).as("acknowledgements before the kill").isEqualTo(ACKS_BEFORE_KILL);

        try (RocksDbStores reopened = RocksDbStores.open(store, FsyncPolicy.parse(policy))) {
            Map<Long, QueuedMessage> stored = new TreeMap<>();
            reopened.queues().forEachEntry("crash", stored::put);
            List<Long> missing = new ArrayList<>();
            for (long seq = 0; seq <= highestAcked; seq++) {
                QueuedMessage message = stored.get(seq);
                if (message == null || message.messageId() != seq || message.subscriptionIds()[0] != (int) seq) {
                    missing.add(seq);
                }
            }
            assertThat(missing).as("acknowledged entries missing after the kill").isEmpty();
            assertThat(stored.keySet()).as("no holes either").containsExactlyElementsOf(
                    LongStream.range(0, stored.size()).boxed().toList());
        }
    }
}
