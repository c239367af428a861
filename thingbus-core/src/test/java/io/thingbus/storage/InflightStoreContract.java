package io.thingbus.storage;

import static io.thingbus.storage.StoreSamples.UNICODE_CLIENT_IDS;
import static io.thingbus.storage.StoreSamples.assertSameContent;
import static io.thingbus.storage.StoreSamples.plainQueued;
import static io.thingbus.storage.StoreSamples.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.thingbus.messaging.Qos;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link InflightStore} must do; each implementation's test extends this. Outbound
 * exchanges come back in packet-id order; inbound packet ids and outbound exchanges of the same
 * packet id are independent; sessions never mix.
 */
public abstract class InflightStoreContract extends StoresContract {

    private InflightStore inflight() {
        return stores.inflight();
    }

    private List<InflightMessage> outbound(String clientId) {
        List<InflightMessage> messages = new ArrayList<>();
        inflight().forEachOutbound(clientId, messages::add);
        return messages;
    }

    private List<Integer> outboundIds(String clientId) {
        return outbound(clientId).stream().map(InflightMessage::packetId).toList();
    }

    private List<Integer> inbound(String clientId) {
        List<Integer> packetIds = new ArrayList<>();
        inflight().forEachInbound(clientId, packetIds::add);
        return packetIds;
    }

    private static InflightMessage sent(int packetId) {
        return new InflightMessage(packetId, queued(packetId * 10L), false);
    }

    @Test
    void isEmptyAtFirst() {
        assertThat(outbound("c")).isEmpty();
        assertThat(inbound("c")).isEmpty();
    }

    @Test
    void roundTripsAnOutboundExchange() {
        InflightMessage sent = new InflightMessage(1, queued(99), false);
        InflightMessage released = new InflightMessage(2, plainQueued(Long.MAX_VALUE, Qos.EXACTLY_ONCE, true), true);
        inflight().putOutbound("c", sent);
        inflight().putOutbound("c", released);

        List<InflightMessage> read = outbound("c");
        assertThat(read).hasSize(2);
        assertSameContent(read.get(0), sent);
        assertSameContent(read.get(1), released);
    }

    @Test
    void visitsOutboundExchangesInPacketIdOrder() {
        int[] putOrder = {300, 2, 65_535, 1, 256, 255, 32_768};
        for (int packetId : putOrder) {
            inflight().putOutbound("c", sent(packetId));
        }

        assertThat(outboundIds("c")).containsExactly(1, 2, 255, 256, 300, 32_768, 65_535);
        outbound("c").forEach(message -> assertSameContent(message, sent(message.packetId())));
    }

    @Test
    void putOutboundReplacesTheExchangeOfAPacketId() {
        inflight().putOutbound("c", sent(7));
        InflightMessage released = new InflightMessage(7, queued(70), true);
        inflight().putOutbound("c", released);

        List<InflightMessage> read = outbound("c");
        assertThat(read).hasSize(1);
        assertSameContent(read.get(0), released);
    }

    @Test
    void removeOutboundDeletesOneExchange() {
        inflight().putOutbound("c", sent(1));
        inflight().putOutbound("c", sent(2));

        inflight().removeOutbound("c", 1);
        inflight().removeOutbound("c", 3);
        inflight().removeOutbound("other", 2);

        assertThat(outboundIds("c")).containsExactly(2);
    }

    @Test
    void recordsAndReleasesInboundPacketIds() {
        inflight().putInbound("c", 10);
        inflight().putInbound("c", 1);
        inflight().putInbound("c", 65_535);
        inflight().putInbound("c", 10);

        assertThat(inbound("c")).containsExactlyInAnyOrder(1, 10, 65_535);

        inflight().removeInbound("c", 10);
        inflight().removeInbound("c", 11);
        assertThat(inbound("c")).containsExactlyInAnyOrder(1, 65_535);
    }

    @Test
    void inboundAndOutboundOfTheSamePacketIdAreIndependent() {
        inflight().putOutbound("c", sent(5));
        inflight().putInbound("c", 5);

        inflight().removeInbound("c", 5);
        assertThat(outboundIds("c")).containsExactly(5);

        inflight().putInbound("c", 5);
        inflight().removeOutbound("c", 5);
        assertThat(inbound("c")).containsExactly(5);
        assertThat(outbound("c")).isEmpty();
    }

    @Test
    void removeAllClearsBothDirectionsOfOneSessionOnly() {
        for (int packetId = 1; packetId <= 50; packetId++) {
            inflight().putOutbound("c", sent(packetId));
            inflight().putInbound("c", packetId);
            inflight().putOutbound("d", sent(packetId));
            inflight().putInbound("d", packetId);
        }

        inflight().removeAll("c");

        assertThat(outbound("c")).isEmpty();
        assertThat(inbound("c")).isEmpty();
        assertThat(outboundIds("d")).hasSize(50);
        assertThat(inbound("d")).hasSize(50);
    }

    @Test
    void aSessionCanBeFilledAgainAfterRemoveAll() {
        inflight().putOutbound("c", sent(1));
        inflight().putInbound("c", 1);
        inflight().removeAll("c");
        inflight().putOutbound("c", sent(2));
        inflight().putInbound("c", 3);

        assertThat(outboundIds("c")).containsExactly(2);
        assertThat(inbound("c")).containsExactly(3);
    }

    @Test
    void keepsSessionsWhoseIdsArePrefixesOfEachOtherApart() {
        List<String> clients = List.of("a", "ab", "a\u0000", "", "b");
        for (int i = 0; i < clients.size(); i++) {
            inflight().putOutbound(clients.get(i), sent(i + 1));
            inflight().putInbound(clients.get(i), i + 100);
        }

        for (int i = 0; i < clients.size(); i++) {
            assertThat(outboundIds(clients.get(i))).as("outbound of '%s'", clients.get(i)).containsExactly(i + 1);
            assertThat(inbound(clients.get(i))).as("inbound of '%s'", clients.get(i)).containsExactly(i + 100);
        }
        inflight().removeAll("a");
        assertThat(outboundIds("ab")).containsExactly(2);
        assertThat(inbound("a\u0000")).containsExactly(102);
    }

    @Test
    void handlesUnicodeClientIds() {
        for (String client : UNICODE_CLIENT_IDS) {
            inflight().putOutbound(client, sent(client.length()));
            inflight().putInbound(client, client.length());
        }

        for (String client : UNICODE_CLIENT_IDS) {
            assertThat(outboundIds(client)).containsExactly(client.length());
            assertThat(inbound(client)).containsExactly(client.length());
        }
    }

    @Test
    void holdsAFullWindowOfPacketIds() {
        for (int packetId = 65_535; packetId >= 1; packetId--) {
            inflight().putOutbound("c", sent(packetId));
        }

        List<Integer> ids = outboundIds("c");
        assertThat(ids).hasSize(65_535).isSorted();
    }

    @Test
    void writesOnOneThreadAreReadOnAnother() throws Exception {
        inflight().putOutbound("c", sent(1));
        inflight().putInbound("c", 2);

        assertThat(onAnotherThread(() -> outboundIds("c"))).containsExactly(1);
        assertThat(onAnotherThread(() -> inbound("c"))).containsExactly(2);

        onAnotherThread(() -> {
            inflight().removeAll("c");
            return null;
        });
        assertThat(outbound("c")).isEmpty();
        assertThat(inbound("c")).isEmpty();
    }

    @Test
    void exchangesSurviveAReopen() {
        InflightMessage released = new InflightMessage(3, plainQueued(33, Qos.EXACTLY_ONCE, true), true);
        inflight().putOutbound("c", sent(1));
        inflight().putOutbound("c", sent(2));
        inflight().putOutbound("c", released);
        inflight().removeOutbound("c", 2);
        inflight().putInbound("c", 9);
        inflight().putInbound("c", 10);
        inflight().removeInbound("c", 10);
        inflight().putOutbound("gone", sent(1));
        inflight().putInbound("gone", 1);
        inflight().removeAll("gone");

        barrierAndReopen();

        List<InflightMessage> read = outbound("c");
        assertThat(read).hasSize(2);
        assertSameContent(read.get(0), sent(1));
        assertSameContent(read.get(1), released);
        assertThat(inbound("c")).containsExactly(9);
        assertThat(outbound("gone")).isEmpty();
        assertThat(inbound("gone")).isEmpty();
    }
}
