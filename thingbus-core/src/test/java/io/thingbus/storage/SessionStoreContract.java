package io.thingbus.storage;

import static io.thingbus.storage.StoreSamples.UNICODE_CLIENT_IDS;
import static io.thingbus.storage.StoreSamples.assertSameContent;
import static io.thingbus.storage.StoreSamples.bareSession;
import static io.thingbus.storage.StoreSamples.everyKindOfSubscription;
import static io.thingbus.storage.StoreSamples.fullSession;
import static io.thingbus.storage.StoreSamples.minimalMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.Qos;
import io.thingbus.messaging.RetainHandling;
import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.messaging.Will;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link SessionStore} must do; each implementation's test extends this. A session reads
 * back exactly as written: every subscription option, and the will with its message and properties.
 */
public abstract class SessionStoreContract extends StoresContract {

    private SessionStore sessions() {
        return stores.sessions();
    }

    private Map<String, StoredSession> all() {
        Map<String, StoredSession> all = new TreeMap<>();
        sessions().forEach(session ->
                assertThat(all.put(session.clientId(), session)).as("%s visited twice", session.clientId()).isNull());
        return all;
    }

    @Test
    void isEmptyAtFirst() {
        assertThat(all()).isEmpty();
    }

    @Test
    void roundTripsEveryFieldOfAFullSession() {
        StoredSession full = fullSession("full");
        sessions().put(full);

        StoredSession read = all().get("full");
        assertSameContent(read, full);
        assertThat(read.subscriptions()).hasSize(everyKindOfSubscription().size());
        assertThat(read.subscriptions().get(1).filter().isShared()).isTrue();
        assertThat(read.will().delaySeconds()).isEqualTo(300);
        assertThat(read.will().message().payload()).containsExactly(full.will().message().payload());
    }

    @Test
    void roundTripsABareSession() {
        StoredSession bare = bareSession("bare");
        sessions().put(bare);

        StoredSession read = all().get("bare");
        assertSameContent(read, bare);
        assertThat(read.will()).isNull();
        assertThat(read.subscriptions()).isEmpty();
        assertThat(read.disconnectedAtMillis()).isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(RetainHandling.class)
    void roundTripsEachRetainHandling(RetainHandling retainHandling) {
        List<Subscription> subscriptions = new ArrayList<>();
        for (Qos qos : Qos.values()) {
            for (int flags = 0; flags < 4; flags++) {
                subscriptions.add(new Subscription(TopicFilter.parse("f/" + qos + "/" + flags), qos, (flags & 1) != 0,
                        (flags & 2) != 0, retainHandling, flags * 1000 + qos.value()));
            }
        }
        StoredSession session = new StoredSession("c", 0, 0, subscriptions, null);
        sessions().put(session);

        assertSameContent(all().get("c"), session);
    }

    @Test
    void roundTripsAWillWithoutPropertiesOrDelay() {
        StoredSession session = new StoredSession("c", 10, 5, List.of(), new Will(minimalMessage("will/t"), 0));
        sessions().put(session);

        assertSameContent(all().get("c"), session);
    }

    @Test
    void roundTripsExtremeNumbers() {
        StoredSession session = new StoredSession("c", Long.MAX_VALUE, Long.MIN_VALUE,
                List.of(Subscription.basic(TopicFilter.parse("+"), Qos.AT_MOST_ONCE)),
                new Will(minimalMessage("w"), Long.MAX_VALUE));
        sessions().put(session);

        assertSameContent(all().get("c"), session);
    }

    @Test
    void roundTripsManySubscriptions() {
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            subscriptions.add(new Subscription(TopicFilter.parse("devices/" + i + "/+/#"), Qos.of(i % 3), i % 2 == 0,
                    i % 5 == 0, RetainHandling.of(i % 3), i));
        }
        StoredSession session = new StoredSession("many", 3600, -1, subscriptions, null);
        sessions().put(session);

        assertSameContent(all().get("many"), session);
    }

    @Test
    void putReplacesTheSessionOfAClient() {
        sessions().put(fullSession("c"));
        StoredSession replacement = bareSession("c");
        sessions().put(replacement);

        assertThat(all()).hasSize(1);
        assertSameContent(all().get("c"), replacement);
    }

    @Test
    void removeDeletesOneSession() {
        sessions().put(bareSession("a"));
        sessions().put(bareSession("b"));

        sessions().remove("a");
        sessions().remove("unknown");

        assertThat(all().keySet()).containsExactly("b");
    }

    @Test
    void aRemovedSessionCanBePutAgain() {
        sessions().put(fullSession("c"));
        sessions().remove("c");
        sessions().put(bareSession("c"));

        assertSameContent(all().get("c"), bareSession("c"));
    }

    @Test
    void handlesUnicodeEmptyAndLongClientIds() {
        List<String> clients = new ArrayList<>(UNICODE_CLIENT_IDS);
        clients.add("");
        clients.add("長".repeat(20_000));
        clients.forEach(client -> sessions().put(fullSession(client)));

        Map<String, StoredSession> all = all();
        assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(clients);
        clients.forEach(client -> assertSameContent(all.get(client), fullSession(client)));
    }

    @Test
    void visitsManySessions() {
        for (int i = 0; i < 2_000; i++) {
            sessions().put(bareSession("client-" + i));
        }

        assertThat(all()).hasSize(2_000);
    }

    @Test
    void writesOnOneThreadAreReadOnAnother() throws Exception {
        sessions().put(fullSession("c"));

        Map<String, StoredSession> read = onAnotherThread(this::all);
        assertSameContent(read.get("c"), fullSession("c"));

        onAnotherThread(() -> {
            sessions().remove("c");
            return null;
        });
        assertThat(all()).isEmpty();
    }

    @Test
    void sessionsSurviveAReopen() {
        UNICODE_CLIENT_IDS.forEach(client -> sessions().put(fullSession(client)));
        sessions().put(bareSession("bare"));
        sessions().put(fullSession("replaced"));
        sessions().put(bareSession("replaced"));
        sessions().put(fullSession("removed"));
        sessions().remove("removed");

        barrierAndReopen();

        Map<String, StoredSession> all = all();
        assertThat(all).hasSize(UNICODE_CLIENT_IDS.size() + 2);
        UNICODE_CLIENT_IDS.forEach(client -> assertSameContent(all.get(client), fullSession(client)));
        assertSameContent(all.get("bare"), bareSession("bare"));
        assertSameContent(all.get("replaced"), bareSession("replaced"));
    }
}
