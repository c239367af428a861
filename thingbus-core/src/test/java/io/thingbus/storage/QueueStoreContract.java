package io.thingbus.storage;

import static io.thingbus.storage.StoreSamples.UNICODE_CLIENT_IDS;
import static io.thingbus.storage.StoreSamples.assertSameContent;
import static io.thingbus.storage.StoreSamples.plainQueued;
import static io.thingbus.storage.StoreSamples.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.Qos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link QueueStore} must do; each implementation's test extends this. Queues of different
 * clients never mix (not even when one client id is a prefix of another), entries are visited in
 * sequence order whatever the order they were appended in, and a queue's bounds count only what is
 * there.
 */
public abstract class QueueStoreContract extends StoresContract {

    /** One queue's bounds as {@link QueueStore#forEachQueue} reports them. */
    protected record Bounds(long firstSeq, long lastSeq, long count) {
    }

    private QueueStore queues() {
        return stores.queues();
    }

    private Map<String, Bounds> bounds() {
        Map<String, Bounds> bounds = new LinkedHashMap<>();
        queues().forEachQueue((clientId, first, last, count) -> {
            assertThat(bounds.put(clientId, new Bounds(first, last, count))).as("%s visited twice", clientId).isNull();
        });
        return bounds;
    }

    private List<Long> seqs(String clientId) {
        List<Long> seqs = new ArrayList<>();
        queues().forEachEntry(clientId, (seq, message) -> seqs.add(seq));
        return seqs;
    }

    private Map<Long, QueuedMessage> entries(String clientId) {
        Map<Long, QueuedMessage> entries = new LinkedHashMap<>();
        queues().forEachEntry(clientId, entries::put);
        return entries;
    }

    @Test
    void isEmptyAtFirst() {
        assertThat(bounds()).isEmpty();
        assertThat(seqs("c")).isEmpty();
        assertThat(queues().get("c", 0)).isNull();
        assertThat(queues().get("c", 1)).isNull();
    }

    @Test
    void getReturnsTheAppendedEntry() {
        QueuedMessage message = queued(17);
        queues().append("c", 1, message);

        assertSameContent(queues().get("c", 1), message);
        assertThat(queues().get("c", 2)).isNull();
        assertThat(queues().get("c", 0)).isNull();
        assertThat(queues().get("other", 1)).isNull();
    }

    @ParameterizedTest
    @EnumSource(Qos.class)
    void roundTripsEveryField(Qos qos) {
        QueuedMessage retained = plainQueued(Long.MAX_VALUE, qos, true);
        QueuedMessage notRetained = new QueuedMessage(1, qos, false, new int[] {1, 2, 268_435_455, Integer.MAX_VALUE});
        queues().append("c", 1, retained);
        queues().append("c", 2, notRetained);

        assertSameContent(queues().get("c", 1), retained);
        assertSameContent(queues().get("c", 2), notRetained);
        assertThat(queues().get("c", 1).subscriptionIds()).isEmpty();
        assertThat(queues().get("c", 2).subscriptionIds()).containsExactly(1, 2, 268_435_455, Integer.MAX_VALUE);
    }

    @Test
    void appendingTheSameSeqAgainReplacesTheEntry() {
        queues().append("c", 5, queued(1));
        queues().append("c", 5, queued(2));

        assertThat(queues().get("c", 5).messageId()).isEqualTo(2);
        assertThat(bounds()).containsExactly(Map.entry("c", new Bounds(5, 5, 1)));
    }

    @Test
    void visitsEntriesInSequenceOrderWhateverTheAppendOrder() {
        long[] appendOrder = {5, 3, 9, 256, 255, 1L << 32, 0, 1, Long.MAX_VALUE, 65_536, 65_535};
        for (long seq : appendOrder) {
            queues().append("c", seq, queued(seq));
        }

        assertThat(seqs("c")).containsExactly(0L, 1L, 3L, 5L, 9L, 255L, 256L, 65_535L, 65_536L, 1L << 32, Long.MAX_VALUE);
        entries("c").forEach((seq, message) -> assertThat(message.messageId()).isEqualTo(seq));
        assertThat(bounds()).containsExactly(Map.entry("c", new Bounds(0, Long.MAX_VALUE, appendOrder.length)));
    }

    @Test
    void ordersNegativeSequencesBeforePositiveOnes() {
        for (long seq : new long[] {1, -1, 0, Long.MIN_VALUE, -256}) {
            queues().append("c", seq, queued(seq));
        }

        assertThat(seqs("c")).containsExactly(Long.MIN_VALUE, -256L, -1L, 0L, 1L);
        assertThat(bounds().get("c")).isEqualTo(new Bounds(Long.MIN_VALUE, 1, 5));
    }

    @Test
    void removeDeletesOneEntryAndTheBoundsFollow() {
        for (long seq = 1; seq <= 5; seq++) {
            queues().append("c", seq, queued(seq));
        }

        queues().remove("c", 1);
        queues().remove("c", 3);
        queues().remove("c", 5);

        assertThat(queues().get("c", 1)).isNull();
        assertThat(queues().get("c", 2)).isNotNull();
        assertThat(seqs("c")).containsExactly(2L, 4L);
        assertThat(bounds()).containsExactly(Map.entry("c", new Bounds(2, 4, 2)));
    }

    @Test
    void aQueueWhoseLastEntryIsRemovedIsNotVisited() {
        queues().append("c", 1, queued(1));
        queues().remove("c", 1);

        assertThat(bounds()).isEmpty();
        assertThat(seqs("c")).isEmpty();
    }

    @Test
    void removingAnAbsentEntryChangesNothing() {
        queues().append("c", 1, queued(1));

        queues().remove("c", 2);
        queues().remove("other", 1);
        queues().removeAll("other");

        assertThat(bounds()).containsExactly(Map.entry("c", new Bounds(1, 1, 1)));
    }

    @Test
    void removeAllDeletesOneWholeQueue() {
        for (long seq = 1; seq <= 100; seq++) {
            queues().append("c", seq, queued(seq));
            queues().append("d", seq, queued(seq));
        }

        queues().removeAll("c");

        assertThat(seqs("c")).isEmpty();
        assertThat(queues().get("c", 50)).isNull();
        assertThat(bounds()).containsExactly(Map.entry("d", new Bounds(1, 100, 100)));
    }

    @Test
    void aQueueCanBeFilledAgainAfterRemoveAll() {
        queues().append("c", 1, queued(1));
        queues().append("c", 2, queued(2));
        queues().removeAll("c");
        queues().append("c", 2, queued(20));
        queues().append("c", 3, queued(30));

        assertThat(queues().get("c", 1)).isNull();
        assertThat(queues().get("c", 2).messageId()).isEqualTo(20);
        assertThat(entries("c").keySet()).containsExactly(2L, 3L);
        assertThat(bounds()).containsExactly(Map.entry("c", new Bounds(2, 3, 2)));
    }

    @Test
    void removeAllTwiceAndRemoveAfterRemoveAllAreHarmless() {
        queues().append("c", 1, queued(1));
        queues().removeAll("c");
        queues().removeAll("c");
        queues().remove("c", 1);
        queues().append("c", 4, queued(4));
        queues().removeAll("c");

        assertThat(bounds()).isEmpty();
        assertThat(queues().get("c", 4)).isNull();
    }

    @Test
    void keepsClientsWhoseIdsArePrefixesOfEachOtherApart() {
        List<String> clients = List.of("a", "ab", "a\u0000", "a\u0000b", "b", "", "aa");
        for (int i = 0; i < clients.size(); i++) {
            for (long seq = 1; seq <= i + 1; seq++) {
                queues().append(clients.get(i), seq, queued(i * 100L + seq));
            }
        }

        Map<String, Bounds> bounds = bounds();
        for (int i = 0; i < clients.size(); i++) {
            assertThat(bounds.get(clients.get(i))).as("bounds of '%s'", clients.get(i)).isEqualTo(new Bounds(1, i + 1, i + 1));
            assertThat(seqs(clients.get(i))).hasSize(i + 1);
            assertThat(queues().get(clients.get(i), 1).messageId()).isEqualTo(i * 100L + 1);
        }

        queues().removeAll("a");
        assertThat(bounds().keySet()).containsExactlyInAnyOrder("ab", "a\u0000", "a\u0000b", "b", "", "aa");
        assertThat(seqs("ab")).hasSize(2);
    }

    @Test
    void handlesUnicodeAndLongClientIds() {
        List<String> clients = new ArrayList<>(UNICODE_CLIENT_IDS);
        clients.add("長".repeat(20_000)); // 60,000 bytes of UTF-8
        for (String client : clients) {
            queues().append(client, 7, queued(client.length()));
        }

        assertThat(bounds().keySet()).containsExactlyInAnyOrderElementsOf(clients);
        for (String client : clients) {
            assertThat(queues().get(client, 7).messageId()).isEqualTo(client.length());
            assertThat(seqs(client)).containsExactly(7L);
        }
        queues().removeAll(clients.get(0));
        assertThat(bounds()).hasSize(clients.size() - 1);
    }

    @Test
    void visitsALongQueueInOrder() {
        int count = 20_000;
        for (long seq = count; seq >= 1; seq--) {
            queues().append("long", seq, queued(seq));
        }

        List<Long> seqs = seqs("long");
        assertThat(seqs).hasSize(count).isSorted();
        assertThat(seqs.get(0)).isEqualTo(1);
        assertThat(bounds().get("long")).isEqualTo(new Bounds(1, count, count));
    }

    @Test
    void forEachQueueReportsEveryNonEmptyQueue() {
        Map<String, Bounds> expected = new TreeMap<>();
        for (int client = 0; client < 50; client++) {
            long first = client * 10L;
            for (long seq = first; seq < first + client + 1; seq++) {
                queues().append("client-" + client, seq, queued(seq));
            }
            expected.put("client-" + client, new Bounds(first, first + client, client + 1));
        }

        assertThat(bounds()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void writesOnOneThreadAreReadOnAnother() throws Exception {
        queues().append("c", 1, queued(1));
        queues().append("c", 2, queued(2));
        queues().remove("c", 1);

        assertThat(onAnotherThread(() -> queues().get("c", 2).messageId())).isEqualTo(2);
        assertThat(onAnotherThread(() -> queues().get("c", 1))).isNull();
        assertThat(onAnotherThread(() -> seqs("c"))).containsExactly(2L);
        assertThat(onAnotherThread(this::bounds)).containsExactly(Map.entry("c", new Bounds(2, 2, 1)));

        onAnotherThread(() -> {
            queues().removeAll("c");
            return null;
        });
        assertThat(bounds()).isEmpty();
    }

    @Test
    void queuesSurviveAReopen() {
        for (long seq = 1; seq <= 1_000; seq++) {
            queues().append("kept", seq, queued(seq));
        }
        queues().remove("kept", 1);
        queues().remove("kept", 500);
        for (long seq = 1; seq <= 10; seq++) {
            queues().append("cleared", seq, queued(seq));
        }
        queues().removeAll("cleared");
        queues().append("refilled", 1, queued(1));
        queues().removeAll("refilled");
        queues().append("refilled", 2, plainQueued(22, Qos.EXACTLY_ONCE, true));
        for (String client : UNICODE_CLIENT_IDS) {
            queues().append(client, 3, queued(3));
        }

        barrierAndReopen();

        Map<String, Bounds> bounds = bounds();
        assertThat(bounds).containsEntry("kept", new Bounds(2, 1_000, 998))
                .containsEntry("refilled", new Bounds(2, 2, 1))
                .doesNotContainKey("cleared")
                .hasSize(2 + UNICODE_CLIENT_IDS.size());
        assertThat(queues().get("kept", 500)).isNull();
        assertSameContent(queues().get("kept", 501), queued(501));
        assertSameContent(queues().get("refilled", 2), plainQueued(22, Qos.EXACTLY_ONCE, true));
        assertThat(queues().get("refilled", 1)).isNull();
        for (String client : UNICODE_CLIENT_IDS) {
            assertSameContent(queues().get(client, 3), queued(3));
        }
    }

    @Test
    void writesAfterAReopenAreReadAndSurviveAnother() {
        queues().append("c", 1, queued(1));
        barrierAndReopen();
        queues().append("c", 2, queued(2));
        queues().remove("c", 1);

        assertThat(seqs("c")).containsExactly(2L);
        barrierAndReopen();

        assertThat(seqs("c")).containsExactly(2L);
        assertThat(bounds()).containsExactly(Map.entry("c", new Bounds(2, 2, 1)));
    }
}
