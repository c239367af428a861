package io.thingbus.it.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash test: the hub runs in a child JVM ({@link HubProcess}) and is killed with SIGKILL three times
 * in the middle of a stream of QoS 1 and QoS 2 messages, each time restarted on the same data
 * directory (on a new port). Nothing the hub acknowledged may be lost.
 *
 * <h2>Scenario</h2>
 * <ol>
 *   <li>Start the hub. Four subscribers open persistent sessions and subscribe, once and for all:
 *     <ul>
 *       <li>{@code crash/q1} at QoS 1: HiveMQ (MQTT 5), online throughout; Paho v5 (MQTT 5), offline
 *           from right after its SUBACK until the end, so its messages are queued by the hub;</li>
 *       <li>{@code crash/q2} at QoS 2: HiveMQ (MQTT 5), online throughout; Paho v3 (MQTT 3.1.1, clean
 *           session false), offline like the Paho v5 one.</li>
 *     </ul>
 *     The online ones subscribe first, so each fan-out reaches them before the offline ones: an online
 *     subscriber may acknowledge a message before the fan-out has queued it for the offline sessions.
 *     Three retained messages are set under {@code crash/retained/} (QoS 1 and 2).</li>
 *   <li>Two publishers stream numbered messages (payload = sequence number): Paho v3 (MQTT 3.1.1) at
 *       QoS 1 to {@code crash/q1}, HiveMQ (MQTT 5) at QoS 2 to {@code crash/q2}, each with up to
 *       {@value NumberedPublisher#WINDOW} messages awaiting acknowledgement. The test records which
 *       numbers the hub acknowledged, and to which incarnation each number was sent.</li>
 *   <li>Once each publisher has {@value #ACKS_BEFORE_KILL} more acknowledgements from the running hub
 *       than when all clients were last back (no fixed sleep), the hub is SIGKILLed while both keep
 *       publishing and the online subscribers keep receiving, and restarted. The online
 *       subscribers reconnect to the new port with clean start false and without resubscribing;
 *       the publishers open fresh connections (clean start) and continue the numbering, so a number
 *       is never resent and the acknowledged set stays exact. A brand-new subscriber then checks
 *       the retained messages, and the retained set is changed (one updated, one cleared, one added)
 *       for the next round. Three kills in all.</li>
 *   <li>After the last restart the publishers go on until {@value #ACKS_AFTER_LAST_RESTART} more
 *       acknowledgements, then stop; the offline subscribers come back (clean start false).</li>
 *   <li>Assertions: every acknowledged number reaches every subscriber of its topic (QoS 1 at least
 *       once; QoS 2 exactly once, so no number twice across the whole run), every reconnection
 *       finds its session present, each restarted hub holds exactly the retained messages
 *       acknowledged before its predecessor died, each kill ended the hub with exit status 137
 *       (signal 9), and nothing unexpected happened on the side (see {@link Findings}). Numbers sent
 *       but not acknowledged may or may not arrive; the report counts them, the test does not judge.</li>
 * </ol>
 *
 * <h2>What "acknowledged" means per client library</h2>
 * The hub sends PUBACK (QoS 1) or PUBREC (QoS 2) only once the message is durable, so those packets
 * are what the test must observe. The publishers record an acknowledgement when:
 * <ul>
 *   <li><b>Paho v3, QoS 1</b> ({@link PahoV3PublisherConnection}): the delivery token's listener
 *       reports success, which Paho does on PUBACK. (For QoS 2 Paho would wait for PUBCOMP and expose
 *       no PUBREC event, which would undercount; that is why the QoS 2 publisher is HiveMQ.)</li>
 *   <li><b>HiveMQ, QoS 2</b> ({@link HiveMqPublisherConnection}): the publish future completes
 *       normally. HiveMQ 1.4.2 completes it on PUBCOMP, or, when the connection is lost after a
 *       success PUBREC, as soon as its session ends (immediately, with session expiry 0), again
 *       normally; before a PUBREC, or on an error reason code, it fails. So normal completion is
 *       exactly "a success PUBREC arrived", even if observed a moment after the kill.</li>
 * </ul>
 * Subscribers must acknowledge the way a well-behaved receiver does for exactly-once to be
 * checkable: HiveMQ keeps the packet ids it has PUBREC'd for the life of the session and does not
 * deliver a resent QoS 2 PUBLISH again; Paho v3 delivers QoS 2 on PUBREL. Paho v5 1.2.5 delivers a
 * QoS 2 message on PUBLISH without a duplicate check, so it only subscribes at QoS 1 here.
 *
 * <p>A SIGKILL loses what the hub process holds, not what it handed to the operating system, so this
 * test shows that acknowledgements wait for the journal; it cannot tell the fsync policies apart
 * (that takes a power cut).
 *
 * <p>The test runs in every {@code ./mvnw verify} (the {@code crash} tag only labels it) and always drives
 * a Thingbus hub in a child process, whatever {@code thingbus.it.broker} says. It prints a report (per
 * incarnation: sent, acknowledged and delivered counts per subscriber, the CONNACKs, the retained
 * probes and a timeline); when it fails, also the tail of every hub log, and it keeps the temporary
 * directory (data and logs) for a look.
 */
@Tag("crash")
class CrashRecoveryTest {

    private static final String TOPIC_Q1 = "crash/q1";
    private static final String TOPIC_Q2 = "crash/q2";
    private static final int KILLS = 3;
    /** Acknowledgements each publisher collects from an incarnation, once every client is back, before the kill. */
    private static final int ACKS_BEFORE_KILL = 150;
    /** Acknowledgements each publisher collects from the last incarnation, once every client is back, before it stops. */
    private static final int ACKS_AFTER_LAST_RESTART = 100;
    private static final int SIGKILL_EXIT_STATUS = 128 + 9;
    private static final Duration DELIVERY_STALL = Duration.ofSeconds(5);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path temp;

    private final Findings findings = new Findings();
    private final RetainedMessages retained = new RetainedMessages();
    /** Per restarted incarnation: the retained messages expected, and those a new subscriber received. */
    private final Map<Integer, Map<String, String>> retainedExpected = new TreeMap<>();
    private final Map<Integer, Map<String, String>> retainedFound = new TreeMap<>();
    private final List<Incarnation> incarnations = new ArrayList<>();
    private final List<String> timeline = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();
    private HubSupervisor hubs;
    private NumberedPublisher q1Publisher;
    private NumberedPublisher q2Publisher;
    private HiveMqSubscriber q1Online;
    private HiveMqSubscriber q2Online;
    private PahoV5Subscriber q1Offline;
    private PahoV3Subscriber q2Offline;

    /** Publishers, then subscribers, then the hub process, which is killed whatever happened before. */
    @AfterEach
    void stopEverything() throws InterruptedException {
        try {
            for (NumberedPublisher publisher : new NumberedPublisher[] {q1Publisher, q2Publisher}) {
                if (publisher != null) {
                    publisher.stop();
                }
            }
        } finally {
            try {
                subscribers().forEach(NumberSubscriber::close);
            } finally {
                if (hubs != null) {
                    hubs.close();
                }
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void acknowledgedMessagesSessionsAndRetainedMessagesSurviveSigkill() throws Exception {
        hubs = new HubSupervisor(temp.resolve("data"), temp);
        boolean passed = false;
        try {
            runScenario();
            assertOutcome();
            passed = true;
        } finally {
            System.out.println(report());
            if (!passed) {
                System.out.println("Hub logs (data directory and logs kept in " + temp + "):\n" + hubs.logTails(60));
            }
        }
    }

    private void runScenario() throws Exception {
        Incarnation hub = start();
        q1Online = HiveMqSubscriber.subscribe("crash-sub-q1-hivemq5", TOPIC_Q1, MqttQos.AT_LEAST_ONCE, hubs, findings, hub);
        q2Online = HiveMqSubscriber.subscribe("crash-sub-q2-hivemq5", TOPIC_Q2, MqttQos.EXACTLY_ONCE, hubs, findings, hub);
        q1Offline = new PahoV5Subscriber("crash-sub-q1-paho5", TOPIC_Q1, 1, hubs, findings, hub);
        q1Offline.connect(hub);
        q1Offline.subscribe();
        q1Offline.disconnect();
        q2Offline = new PahoV3Subscriber("crash-sub-q2-paho3", TOPIC_Q2, 2, hubs, findings, hub);
        q2Offline.connect(hub);
        q2Offline.subscribe();
        q2Offline.disconnect();
        mark("subscribed: two online, two offline");

        retained.set(hub, "a", "a0", MqttQos.AT_LEAST_ONCE);
        retained.set(hub, "b", "b0", MqttQos.EXACTLY_ONCE);
        retained.set(hub, "c", "c0", MqttQos.AT_LEAST_ONCE);

        q1Publisher = new NumberedPublisher("pub-q1-paho3", TOPIC_Q1, hubs,
                (target, clientId) -> PahoV3PublisherConnection.connect(target, clientId, TOPIC_Q1, 1, NumberedPublisher.WINDOW),
                findings);
        q2Publisher = new NumberedPublisher("pub-q2-hivemq5", TOPIC_Q2, hubs,
                (target, clientId) -> HiveMqPublisherConnection.connect(target, clientId, TOPIC_Q2, MqttQos.EXACTLY_ONCE),
                findings);
        q1Publisher.start();
        q2Publisher.start();
        mark("retained set, publishers started");

        for (int kill = 1; kill <= KILLS; kill++) {
            awaitMoreAcknowledgements(hub, ACKS_BEFORE_KILL);
            mark("hub #" + hub.index() + " acknowledged " + q1Publisher.acknowledgedBy(hub.index()) + " + "
                    + q2Publisher.acknowledgedBy(hub.index()) + " messages; SIGKILL");
            int exitStatus = hubs.kill();
            assertThat(exitStatus).as("exit status of hub #%d after SIGKILL", hub.index()).isEqualTo(SIGKILL_EXIT_STATUS);
            hub = start();
            awaitOnlineSubscribersOn(hub);
            mark("online subscribers back on hub #" + hub.index());
            retainedExpected.put(hub.index(), retained.expected());
            retainedFound.put(hub.index(), RetainedMessages.probe(hub, "crash-retained-probe-" + hub.index()));
            changeRetainedMessages(kill, hub);
            mark("retained messages probed and changed");
        }
        awaitMoreAcknowledgements(hub, ACKS_AFTER_LAST_RESTART);
        q1Publisher.stop();
        q2Publisher.stop();
        mark("publishers stopped");

        q1Offline.connect(hub);
        q2Offline.connect(hub);
        mark("offline subscribers back");
        awaitDeliveries();
        mark("deliveries complete or stalled");
    }

    private Incarnation start() throws Exception {
        Incarnation hub = hubs.start();
        incarnations.add(hub);
        mark("hub #" + hub.index() + " listening on port " + hub.mqttPort());
        return hub;
    }

    private void mark(String event) {
        timeline.add(String.format("%6.2f s  %s", (System.nanoTime() - startNanos) / 1e9, event));
    }

    /**
     * Waits (bounded) until each publisher has {@code count} more acknowledgements from {@code hub} than
     * now, so that a kill lands while the clients reconnected after the previous one are busy again.
     */
    private void awaitMoreAcknowledgements(Incarnation hub, int count) {
        int q1Target = q1Publisher.acknowledgedBy(hub.index()) + count;
        int q2Target = q2Publisher.acknowledgedBy(hub.index()) + count;
        await("each publisher has " + count + " more acknowledgements from hub #" + hub.index())
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> q1Publisher.acknowledgedBy(hub.index()) >= q1Target
                        && q2Publisher.acknowledgedBy(hub.index()) >= q2Target);
    }

    private void awaitOnlineSubscribersOn(Incarnation hub) {
        await("online subscribers reconnected to hub #" + hub.index())
                .atMost(Duration.ofSeconds(15))
                .until(() -> q1Online.connectedIncarnation() == hub.index() && q2Online.connectedIncarnation() == hub.index());
    }

    /** The retained set changes between kills, so each restart checks the latest acknowledged state. */
    private void changeRetainedMessages(int kill, Incarnation hub) {
        switch (kill) {
            case 1 -> {
                retained.set(hub, "a", "a1", MqttQos.EXACTLY_ONCE);
                retained.clear(hub, "c");
            }
            case 2 -> retained.set(hub, "d", "d2", MqttQos.AT_LEAST_ONCE);
            default -> {
                // the last restart only checks
            }
        }
    }

    /**
     * Waits until every subscriber has every acknowledged number of its topic. Gives up early when no
     * subscriber received anything for {@link #DELIVERY_STALL} (lost messages will not come); the
     * assertions then say what is missing.
     */
    private void awaitDeliveries() {
        long[] lastTotal = {-1};
        long[] lastChange = {System.nanoTime()};
        BooleanSupplier stalled = () -> {
            long total = subscribers().stream().mapToLong(s -> s.deliveries().total()).sum();
            if (total != lastTotal[0]) {
                lastTotal[0] = total;
                lastChange[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - lastChange[0] > DELIVERY_STALL.toNanos();
        };
        try {
            await("every acknowledged message delivered to every subscriber")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .failFast("deliveries stalled for " + DELIVERY_STALL.toSeconds() + " s", stalled::getAsBoolean)
                    .until(() -> subscribers().stream().allMatch(s -> missing(s).isEmpty()));
        } catch (ConditionTimeoutException | TerminalFailureException incomplete) {
            // assertOutcome() names what is missing
        }
    }

    private void assertOutcome() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (NumberSubscriber subscriber : subscribers()) {
            NumberedPublisher publisher = publisherOf(subscriber);
            SortedSet<Integer> missing = missing(subscriber);
            softly.assertThat(missing.size())
                    .as("%s: acknowledged messages on %s never delivered: %s", subscriber.name(), subscriber.topic(),
                            describe(missing, publisher.acknowledged()))
                    .isZero();
            if (subscriber.qos() == 2) {
                Map<Integer, Integer> duplicates = subscriber.deliveries().duplicates();
                SortedSet<Integer> acknowledgedDuplicates = new TreeSet<>(duplicates.keySet());
                acknowledgedDuplicates.retainAll(publisher.acknowledged().keySet());
                softly.assertThat(duplicates)
                        .as("%s: QoS 2 messages delivered more than once (number=deliveries; sent to hub #: %s; acknowledged: %s)",
                                subscriber.name(), sentTo(duplicates.keySet(), publisher), acknowledgedDuplicates)
                        .isEmpty();
            }
            SortedSet<Integer> neverSent = new TreeSet<>(subscriber.deliveries().numbers());
            neverSent.removeAll(publisher.sent().keySet());
            softly.assertThat(neverSent).as("%s: numbers delivered that were never published", subscriber.name()).isEmpty();
            List<NumberSubscriber.Connack> connacks = subscriber.connacks();
            softly.assertThat(connacks).as("%s: CONNACKs", subscriber.name()).isNotEmpty();
            if (!connacks.isEmpty()) {
                softly.assertThat(connacks.get(0).sessionPresent())
                        .as("%s: session present on the very first CONNECT", subscriber.name()).isFalse();
                softly.assertThat(connacks.subList(1, connacks.size()))
                        .as("%s: every reconnection resumes the session (session present)", subscriber.name())
                        .allMatch(NumberSubscriber.Connack::sessionPresent);
            }
        }
        for (Map.Entry<Integer, Map<String, String>> found : retainedFound.entrySet()) {
            softly.assertThat(found.getValue())
                    .as("retained messages a new subscriber receives from restarted hub #%d", found.getKey())
                    .isEqualTo(retainedExpected.get(found.getKey()));
        }
        softly.assertThat(hubs.exitCodes()).as("exit status of each killed hub").containsOnly(SIGKILL_EXIT_STATUS).hasSize(KILLS);
        softly.assertThat(findings.all()).as("problems seen by clients and publishers").isEmpty();
        softly.assertThat(hubs.logLinesContaining("LEAK:")).as("Netty leak reports in the hub logs").isEmpty();
        softly.assertAll();
    }

    /** The incarnation each number was sent to, grouped: {hub index=[numbers]}. */
    private static Map<Integer, List<Integer>> sentTo(Set<Integer> numbers, NumberedPublisher publisher) {
        Map<Integer, Integer> sent = publisher.sent();
        return numbers.stream().sorted().collect(Collectors.groupingBy(n -> sent.getOrDefault(n, -1), TreeMap::new,
                Collectors.toList()));
    }

    /** Acknowledged numbers of the subscriber's topic that it has not received. */
    private SortedSet<Integer> missing(NumberSubscriber subscriber) {
        SortedSet<Integer> missing = new TreeSet<>(publisherOf(subscriber).acknowledged().keySet());
        missing.removeAll(subscriber.deliveries().numbers());
        return missing;
    }

    private NumberedPublisher publisherOf(NumberSubscriber subscriber) {
        return subscriber.topic().equals(TOPIC_Q1) ? q1Publisher : q2Publisher;
    }

    private List<NumberSubscriber> subscribers() {
        List<NumberSubscriber> all = new ArrayList<>();
        for (NumberSubscriber subscriber : new NumberSubscriber[] {q1Online, q1Offline, q2Online, q2Offline}) {
            if (subscriber != null) {
                all.add(subscriber);
            }
        }
        return all;
    }

    /** "12 (hub #0: 5, #2: 7), first [3, 4, 9, ...]" */
    private static String describe(SortedSet<Integer> numbers, Map<Integer, Integer> incarnationOf) {
        if (numbers.isEmpty()) {
            return "none";
        }
        Map<Integer, Long> perIncarnation = numbers.stream()
                .collect(Collectors.groupingBy(n -> incarnationOf.getOrDefault(n, -1), TreeMap::new, Collectors.counting()));
        String byHub = perIncarnation.entrySet().stream()
                .map(e -> "hub #" + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        List<Integer> first = numbers.stream().limit(20).toList();
        return numbers.size() + " (" + byHub + "), first " + first;
    }

    /** Per incarnation: sent and acknowledged per topic, and what each subscriber got of them. */
    private String report() {
        List<Integer> exitStatuses = hubs == null ? List.of() : hubs.exitCodes();
        StringBuilder out = new StringBuilder("\n==== crash test report: " + exitStatuses.size()
                + " kill(s), exit statuses " + exitStatuses + "\n");
        for (Incarnation hub : q1Publisher == null || q2Publisher == null ? List.<Incarnation>of() : incarnations) {
            String end = hub.index() < exitStatuses.size() ? "SIGKILLed, exit status " + exitStatuses.get(hub.index()) : "not killed";
            out.append(String.format("hub #%d (port %d, %s)%n", hub.index(), hub.mqttPort(), end));
            for (NumberedPublisher publisher : List.of(q1Publisher, q2Publisher)) {
                Set<Integer> sent = numbersOf(publisher.sent(), hub.index());
                Set<Integer> acknowledged = numbersOf(publisher.acknowledged(), hub.index());
                out.append(String.format("  %s via %s: sent %d, acknowledged %d%n",
                        publisher.topic(), publisher.name(), sent.size(), acknowledged.size()));
                for (NumberSubscriber subscriber : subscribers()) {
                    if (!subscriber.topic().equals(publisher.topic())) {
                        continue;
                    }
                    Deliveries deliveries = subscriber.deliveries();
                    long ackedDelivered = acknowledged.stream().filter(deliveries::contains).count();
                    long unackedDelivered = sent.stream().filter(n -> !acknowledged.contains(n)).filter(deliveries::contains).count();
                    Map<Integer, Integer> duplicates = deliveries.duplicates();
                    long duplicated = sent.stream().filter(duplicates::containsKey).count();
                    out.append(String.format("    %-22s QoS %d: acknowledged delivered %d/%d, unacknowledged delivered %d/%d, numbers delivered more than once %d%n",
                            subscriber.name(), subscriber.qos(), ackedDelivered, acknowledged.size(),
                            unackedDelivered, sent.size() - acknowledged.size(), duplicated));
                }
            }
        }
        Map<String, List<NumberSubscriber.Connack>> connacks = new LinkedHashMap<>();
        subscribers().forEach(s -> connacks.put(s.name(), s.connacks()));
        out.append("CONNACKs (incarnation, session present): ").append(connacks).append('\n');
        out.append("retained expected after restart: ").append(retainedExpected).append('\n');
        out.append("retained found after restart:    ").append(retainedFound).append('\n');
        out.append("findings: ").append(findings.all()).append('\n');
        out.append("timeline:\n");
        timeline.forEach(event -> out.append("  ").append(event).append('\n'));
        return out.toString();
    }

    private static Set<Integer> numbersOf(Map<Integer, Integer> incarnationOf, int incarnation) {
        return incarnationOf.entrySet().stream()
                .filter(e -> e.getValue() == incarnation)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
