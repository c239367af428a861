package io.thingbus.it;

import static io.thingbus.it.fixture.Clients.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.thingbus.it.fixture.Clients;
import io.thingbus.it.fixture.HubExtension;
import io.thingbus.it.fixture.Inbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Topic filters and wildcards (4.7 in both specifications), including topics that start with {@code $}. */
class TopicMatchingTest {

    @RegisterExtension
    static final HubExtension hub = HubExtension.withDefaults();

    @RegisterExtension
    final Clients clients = new Clients(hub);

    /**
     * Each case: a filter and topics, relative to the test's own root ({@code R}), and which of them match.
     * Most come from the examples in 4.7.1.
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("sport/tennis/player1/#",
                        List.of("sport/tennis/player1", "sport/tennis/player1/ranking",
                                "sport/tennis/player1/score/wimbledon", "sport/tennis/player2", "sport/tennis"),
                        List.of("sport/tennis/player1", "sport/tennis/player1/ranking",
                                "sport/tennis/player1/score/wimbledon")),
                // 4.7.1.2: "#" also matches the parent level.
                Arguments.of("sport/#", List.of("sport", "sport/x", "sports"), List.of("sport", "sport/x")),
                Arguments.of("sport/tennis/+",
                        List.of("sport/tennis/player1", "sport/tennis/player2", "sport/tennis/player1/ranking",
                                "sport/tennis"),
                        List.of("sport/tennis/player1", "sport/tennis/player2")),
                // "+" matches exactly one level, which may be empty.
                Arguments.of("sport/+", List.of("sport", "sport/"), List.of("sport/")),
                Arguments.of("+/+", List.of("/finance", "a/b", "a", "a/b/c"), List.of("/finance", "a/b")),
                Arguments.of("+/tennis/#", List.of("sport/tennis/player1", "sport/tennis", "sport/golf"),
                        List.of("sport/tennis/player1", "sport/tennis")),
                // 4.7.3: topics are case sensitive and may contain spaces and any Unicode.
                Arguments.of("ACCOUNTS", List.of("ACCOUNTS", "Accounts", "accounts"), List.of("ACCOUNTS")),
                Arguments.of("a b/\u00fc", List.of("a b/\u00fc", "a b/u", "ab/\u00fc"), List.of("a b/\u00fc")),
                // A leading "/" makes a distinct, empty first level.
                Arguments.of("/finance", List.of("/finance", "finance"), List.of("/finance")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filterMatchesExactlyTheTopicsTheSpecificationSays(String filter, List<String> published, List<String> matching) {
        String root = clients.topicRoot() + "/";
        Inbox<Mqtt5Publish> inbox = clients.subscriber(root + filter);
        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("pub"));

        for (String topic : published) {
            publisher.publishWith().topic(root + topic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8(topic)).send();
        }

        List<String> received = new ArrayList<>(inbox.next(matching.size()).stream().map(Clients::text).toList());
        inbox.assertNothingWithin(Duration.ofMillis(300));
        assertThat(received).containsExactlyInAnyOrderElementsOf(matching);
    }

    @Test
    void singleLevelWildcardMayStandForTheFirstLevel() {
        // The test's root is it/<random>: "+/<random>/x" must match "it/<random>/x".
        String tail = clients.topicRoot().substring("it/".length());
        Inbox<Mqtt5Publish> inbox = clients.subscriber("+/" + tail + "/x");

        clients.v5Connected(clients.id("pub")).publishWith().topic(clients.topic("x")).payload(utf8("first level")).send();

        assertThat(Clients.text(inbox.next())).isEqualTo("first level");
    }

    @Test
    void multiLevelWildcardAloneMatchesEveryOrdinaryTopic() {
        Inbox<Mqtt5Publish> inbox = clients.subscriber("#");

        clients.v5Connected(clients.id("pub")).publishWith().topic(clients.topic("any/depth/at/all"))
                .qos(MqttQos.AT_LEAST_ONCE).payload(utf8("everything")).send();

        // Other traffic may match "#" as well; the test's own message must be among it.
        assertThat(topicsUntil(inbox, clients.topic("any/depth/at/all"))).isNotEmpty();
    }

    @Test
    void wildcardFiltersDoNotMatchTopicsStartingWithDollar() {
        String dollarTopic = "$it" + clients.id("") + "/status";
        Inbox<Mqtt5Publish> everything = clients.subscriber("#");
        Inbox<Mqtt5Publish> anyFirstLevel = clients.subscriber("+/status");
        Inbox<Mqtt5Publish> explicit;
        try {
            explicit = clients.subscriber(dollarTopic.substring(0, dollarTopic.indexOf('/')) + "/#");
        } catch (Mqtt5SubAckException refused) {
            // 4.7.2: a Server SHOULD prevent clients from exchanging messages on $-topics; Thingbus's ACL
            // refuses the subscription rather than take it and never deliver, so there is nothing to match.
            assertThat(refused.getMqttMessage().getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            return;
        }
        Mqtt5BlockingClient publisher = clients.v5Connected(clients.id("pub"));

        publisher.publishWith().topic(dollarTopic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("dollar")).send();
        // 4.7.2: a Server SHOULD prevent clients from exchanging messages on $-topics, so it may drop this one.
        Assumptions.assumeTrue(explicit.poll(Duration.ofSeconds(2)).isPresent(),
                "the hub does not relay client messages on $-topics (allowed by 4.7.2), nothing to match");
        String ordinaryTopic = clients.topic("status");
        publisher.publishWith().topic(ordinaryTopic).qos(MqttQos.AT_LEAST_ONCE).payload(utf8("ordinary")).send();

        // [MQTT-4.7.2-1] filters starting with a wildcard MUST NOT match topics beginning with '$'. The ordinary
        // message, published after, shows both subscribers were listening.
        assertThat(topicsUntil(everything, ordinaryTopic)).doesNotContain(dollarTopic);
        assertThat(topicsWithin(anyFirstLevel, Duration.ofMillis(300))).doesNotContain(dollarTopic);
    }

    /** Topics received until {@code last} arrives (which must, within the expect timeout). */
    private static List<String> topicsUntil(Inbox<Mqtt5Publish> inbox, String last) {
        List<String> topics = new ArrayList<>();
        while (topics.isEmpty() || !topics.getLast().equals(last)) {
            topics.add(inbox.next().getTopic().toString());
        }
        return topics;
    }

    /** Topics received within {@code quiet} (used where no message is expected). */
    private static List<String> topicsWithin(Inbox<Mqtt5Publish> inbox, Duration quiet) {
        List<String> topics = new ArrayList<>();
        inbox.poll(quiet).ifPresent(message -> topics.add(message.getTopic().toString()));
        topics.addAll(inbox.drain().stream().map(message -> message.getTopic().toString()).toList());
        return topics;
    }
}
