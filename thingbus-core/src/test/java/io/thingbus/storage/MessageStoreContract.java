package io.thingbus.storage;

import static io.thingbus.storage.StoreSamples.assertSameContent;
import static io.thingbus.storage.StoreSamples.fullMessage;
import static io.thingbus.storage.StoreSamples.largeMessage;
import static io.thingbus.storage.StoreSamples.message;
import static io.thingbus.storage.StoreSamples.minimalMessage;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.UserProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link MessageStore} must do; each implementation's test extends this. Ids grow and are
 * never reused, not even across a re-open; a body reads back exactly as it was put, field by field.
 */
public abstract class MessageStoreContract extends StoresContract {

    private MessageStore messages() {
        return stores.messages();
    }

    private List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        messages().forEachId(ids::add);
        return ids;
    }

    @Test
    void isEmptyAtFirst() {
        assertThat(ids()).isEmpty();
        assertThat(messages().get(1)).isNull();
        assertThat(messages().get(0)).isNull();
        assertThat(messages().get(-1)).isNull();
        assertThat(messages().get(Long.MAX_VALUE)).isNull();
    }

    @Test
    void putReturnsGrowingIds() {
        long previous = 0;
        for (int i = 0; i < 100; i++) {
            long id = messages().put(message("t", "m" + i));
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
    }

    @Test
    void getReturnsWhatWasPut() {
        Message first = message("a/b", "first");
        Message second = message("a/c", "second");
        long firstId = messages().put(first);
        long secondId = messages().put(second);

        assertSameContent(messages().get(firstId), first);
        assertSameContent(messages().get(secondId), second);
    }

    @Test
    void roundTripsEveryFieldOfAFullMessage() {
        Message full = fullMessage("devices/thermostat-7/messages/events/");
        long id = messages().put(full);

        Message read = messages().get(id);
        assertSameContent(read, full);
        assertThat(read.payload()).containsExactly(full.payload());
        assertThat(read.properties().correlationData()).containsExactly(full.properties().correlationData());
        assertThat(read.properties().userProperties()).containsExactlyElementsOf(full.properties().userProperties());
        assertThat(read.expiresAtMillis()).isEqualTo(full.expiresAtMillis());
    }

    @Test
    void roundTripsAMessageWithNothingOptional() {
        Message minimal = minimalMessage("t");
        long id = messages().put(minimal);

        Message read = messages().get(id);
        assertSameContent(read, minimal);
        assertThat(read.publisherId()).isNull();
        assertThat(read.properties().isEmpty()).isTrue();
        assertThat(read.expiresAtMillis()).isEqualTo(Message.NEVER_EXPIRES);
        assertThat(read.payload()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Qos.class)
    void roundTripsEachQosWithAndWithoutRetain(Qos qos) {
        Message retained = new Message("q", new byte[] {1}, qos, true, MessageProperties.NONE, "p", 5, 6);
        Message plain = new Message("q", new byte[] {2}, qos, false, MessageProperties.NONE, "p", 5, 6);

        assertSameContent(messages().get(messages().put(retained)), retained);
        assertSameContent(messages().get(messages().put(plain)), plain);
    }

    @Test
    void roundTripsPropertiesSetOneAtATime() {
        List<MessageProperties> each = List.of(
                new MessageProperties(0, null, null, null, List.of()),
                new MessageProperties(1, null, null, null, List.of()),
                new MessageProperties(null, "text/plain", null, null, List.of()),
                new MessageProperties(null, "", null, null, List.of()),
                new MessageProperties(null, null, "reply/to", null, List.of()),
                new MessageProperties(null, null, null, new byte[0], List.of()),
                new MessageProperties(null, null, null, new byte[] {9, 8, 7}, List.of()),
                new MessageProperties(null, null, null, null, List.of(new UserProperty("a", "b"))));
        for (MessageProperties properties : each) {
            Message message = new Message("p", new byte[] {3}, Qos.AT_LEAST_ONCE, false, properties, null, 1,
                    Message.NEVER_EXPIRES);
            assertSameContent(messages().get(messages().put(message)), message);
        }
    }

    @Test
    void keepsAnEmptyCorrelationDataApartFromNone() {
        Message empty = new Message("c", new byte[0], Qos.AT_LEAST_ONCE, false,
                new MessageProperties(null, null, null, new byte[0], List.of()), null, 0, Message.NEVER_EXPIRES);

        Message read = messages().get(messages().put(empty));

        assertThat(read.properties().correlationData()).isNotNull().isEmpty();
    }

    @Test
    void roundTripsExtremeTimes() {
        Message extremes = new Message("x", new byte[0], Qos.AT_MOST_ONCE, false, MessageProperties.NONE, "",
                Long.MIN_VALUE, Long.MAX_VALUE - 1);
        Message read = messages().get(messages().put(extremes));

        assertSameContent(read, extremes);
        assertThat(read.publisherId()).isEmpty();
    }

    @Test
    void roundTripsLargeValues() {
        Message large = largeMessage("large/" + "level/".repeat(5_000) + "end", 4 * 1024 * 1024);
        long id = messages().put(large);

        assertSameContent(messages().get(id), large);
    }

    @Test
    void roundTripsUnicodeTopicsAndProperties() {
        Message unicode = new Message("温度/🌡️/ü/\u0301", "ℌ𝔢𝔩𝔩𝔬".getBytes(UTF_8),
                Qos.AT_LEAST_ONCE, false,
                new MessageProperties(1, "text/plain; charset=utf-8", "回复/🚀", null,
                        List.of(new UserProperty("名前", "値 🎌"))),
                "客户端", 1, 2);

        assertSameContent(messages().get(messages().put(unicode)), unicode);
    }

    @Test
    void removeDeletesOnlyThatMessage() {
        long first = messages().put(message("t", "1"));
        long second = messages().put(message("t", "2"));

        messages().remove(first);

        assertThat(messages().get(first)).isNull();
        assertThat(messages().get(second)).isNotNull();
        assertThat(ids()).containsExactly(second);
    }

    @Test
    void removingAnUnknownIdChangesNothing() {
        long id = messages().put(message("t", "1"));

        messages().remove(id + 1000);
        messages().remove(-1);
        messages().remove(id);
        messages().remove(id);

        assertThat(ids()).isEmpty();
    }

    @Test
    void neverReusesTheIdOfARemovedMessage() {
        long first = messages().put(message("t", "1"));
        messages().remove(first);
        long second = messages().put(message("t", "2"));

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void forEachIdVisitsEveryIdInAscendingOrder() {
        List<Long> put = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            put.add(messages().put(message("t", Integer.toString(i))));
        }
        for (int i = 0; i < put.size(); i += 3) {
            messages().remove(put.get(i));
        }
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < put.size(); i++) {
            if (i % 3 != 0) {
                expected.add(put.get(i));
            }
        }

        assertThat(ids()).containsExactlyElementsOf(expected).isSorted();
    }

    @Test
    void aPutOnOneThreadIsReadOnAnother() throws Exception {
        Message message = fullMessage("cross/thread");
        long id = messages().put(message);

        Message read = onAnotherThread(() -> messages().get(id));
        List<Long> ids = onAnotherThread(this::ids);

        assertSameContent(read, message);
        assertThat(ids).containsExactly(id);
    }

    @Test
    void aRemoveOnOneThreadIsSeenOnAnother() throws Exception {
        long id = messages().put(message("t", "gone"));
        onAnotherThread(() -> {
            messages().remove(id);
            return null;
        });

        assertThat(messages().get(id)).isNull();
    }

    @Test
    void concurrentPutsGetDistinctIdsAndAllReadBack() throws Exception {
        int threads = 4;
        int perThread = 500;
        ConcurrentHashMap<Long, String> written = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String payload = thread + ":" + i;
                        long id = messages().put(message("t/" + thread, payload));
                        assertThat(written.put(id, payload)).as("id %d given twice", id).isNull();
                        assertThat(new String(messages().get(id).payload(), UTF_8))
                                .isEqualTo(payload);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(written).hasSize(threads * perThread);
        List<Long> sorted = new ArrayList<>(written.keySet());
        Collections.sort(sorted);
        assertThat(ids()).containsExactlyElementsOf(sorted);
        written.forEach((id, payload) -> assertThat(messages().get(id).payload())
                .isEqualTo(payload.getBytes(UTF_8)));
    }

    @Test
    void messagesSurviveAReopen() {
        Message full = fullMessage("durable/full");
        Message minimal = minimalMessage("durable/minimal");
        Message large = largeMessage("durable/large", 1024 * 1024);
        long fullId = messages().put(full);
        long minimalId = messages().put(minimal);
        long largeId = messages().put(large);
        long removedId = messages().put(message("t", "removed"));
        messages().remove(removedId);

        barrierAndReopen();

        assertSameContent(messages().get(fullId), full);
        assertSameContent(messages().get(minimalId), minimal);
        assertSameContent(messages().get(largeId), large);
        assertThat(messages().get(removedId)).isNull();
        assertThat(ids()).containsExactly(fullId, minimalId, largeId);
    }

    @Test
    void idsKeepGrowingAfterAReopenEvenWhenTheHighestWasRemoved() {
        long kept = messages().put(message("t", "kept"));
        long highest = messages().put(message("t", "highest"));
        messages().remove(highest);

        barrierAndReopen();
        long next = messages().put(message("t", "next"));

        assertThat(next).isGreaterThan(highest).isGreaterThan(kept);
    }

    @Test
    void idsKeepGrowingAfterAReopenOfAnEmptiedStore() {
        long last = 0;
        for (int i = 0; i < 10; i++) {
            last = messages().put(message("t", Integer.toString(i)));
        }
        for (long id = last - 9; id <= last; id++) {
            messages().remove(id);
        }

        barrierAndReopen();

        assertThat(ids()).isEmpty();
        assertThat(messages().put(message("t", "after"))).isGreaterThan(last);
    }

    @Test
    void writesAfterAReopenAreReadAndSurviveAnother() {
        long before = messages().put(message("t", "before"));
        barrierAndReopen();
        long after = messages().put(message("t", "after"));
        messages().remove(before);

        barrierAndReopen();

        assertThat(messages().get(before)).isNull();
        assertSameContent(messages().get(after), message("t", "after"));
    }
}
