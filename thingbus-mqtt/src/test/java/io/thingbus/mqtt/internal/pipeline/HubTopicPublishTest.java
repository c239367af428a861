package io.thingbus.mqtt.internal.pipeline;

import static io.thingbus.mqtt.internal.pipeline.EmbeddedClient.connectPacket;
import static io.thingbus.mqtt.internal.pipeline.TestAuthenticators.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.Qos;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.hub.HubAnswer;
import io.thingbus.mqtt.internal.hub.HubTopic;
import io.thingbus.mqtt.internal.hub.HubTopics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PUBLISH to a topic the hub serves: acknowledged only once the hub topic's work is done, in arrival
 * order with the connection's other acknowledgements, with the failure's reason code (MQTT 5) or a
 * closed connection (3.1.1); what the hub topic answers is routed, or delivered to the publisher alone.
 */
class HubTopicPublishTest {

    /** Serves "hub/..." topics; each publish waits for the test to complete its future. */
    private final List<Taken> taken = new ArrayList<>();
    private final HubTopic held = new HubTopic() {
        @Override
        public boolean serves(String topic) {
            return topic.startsWith("hub/");
        }

        @Override
        public CompletableFuture<HubAnswer> publish(ClientConnection publisher, Message message) {
            Taken one = new Taken(publisher, message, new CompletableFuture<>());
            taken.add(one);
            return one.work();
        }
    };
    private final EmbeddedBroker broker = new EmbeddedBroker(TestAuthenticators.USERS, new HubTopics(List.of(held)));
    private EmbeddedClient watcher;

    private record Taken(ClientConnection publisher, Message message, CompletableFuture<HubAnswer> work) {
    }

    @BeforeEach
    void watchEverything() {
        watcher = as(MqttVersion.MQTT_5, "watcher", "watcher");
        watcher.subscribe(1, "#", MqttQoS.AT_LEAST_ONCE);
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private EmbeddedClient as(MqttVersion version, String clientId, String user) {
        EmbeddedClient client = broker.newClient();
        MqttConnAckMessage connAck = client.connect(connectPacket(version, clientId).username(user).password(SECRET).build());
        assertThat(connAck.variableHeader().connectReturnCode().byteValue()).isZero();
        return client;
    }

    private static Message message(String topic, String payload) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), Qos.AT_LEAST_ONCE, false,
                MessageProperties.NONE, "hub", 0, Message.NEVER_EXPIRES);
    }

    @Test
    void thePubAckWaitsForTheWorkAndTheAnswerIsRoutedFirst() {
        EmbeddedClient publisher = as(MqttVersion.MQTT_5, "pub", "watcher");

        publisher.publish("hub/in", MqttQoS.AT_LEAST_ONCE, 7, "raw");

        assertThat(taken).singleElement().satisfies(one -> {
            assertThat(one.message().topic()).isEqualTo("hub/in");
            assertThat(one.message().payload()).asString(StandardCharsets.UTF_8).isEqualTo("raw");
            assertThat(one.publisher().client().clientId()).isEqualTo("pub");
        });
        publisher.expectNothing();
        watcher.expectNothing();

        taken.getFirst().work().complete(HubAnswer.route(message("hub/out", "stamped")));
        publisher.server.runPendingTasks(); // the answer is carried out on the publisher's event loop

        assertThat(watcher.expectPublish()).satisfies(routed -> {
            assertThat(routed.topic()).isEqualTo("hub/out");
            assertThat(routed.payload()).isEqualTo("stamped");
        });
        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(7, 0);
    }

    @Test
    void laterAcknowledgementsWaitForAnEarlierHubTopicPublish() {
        EmbeddedClient publisher = as(MqttVersion.MQTT_5, "pub", "watcher");

        publisher.publish("hub/slow", MqttQoS.AT_LEAST_ONCE, 1, "a");
        publisher.publish("ordinary", MqttQoS.AT_LEAST_ONCE, 2, "b");
        publisher.publish("hub/failing", MqttQoS.AT_LEAST_ONCE, 3, "c");
        taken.get(1).work().completeExceptionally(new ThingbusException(ErrorCode.PAYLOAD_FORMAT_INVALID, "bad"));

        assertThat(watcher.expectPublish().topic()).as("an ordinary topic is routed at once").isEqualTo("ordinary");
        publisher.expectNothing();

        taken.getFirst().work().complete(new HubAnswer(null, null));

        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(1, 0);
        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(2, 0);
        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(3, 0x99);
    }

    @Test
    void aFailureAnswersItsReasonCodeAndTheConnectionGoesOn() {
        EmbeddedClient publisher = as(MqttVersion.MQTT_5, "pub", "watcher");

        publisher.publish("hub/a", MqttQoS.AT_LEAST_ONCE, 1, "x");
        publisher.publish("hub/b", MqttQoS.AT_LEAST_ONCE, 2, "x");
        publisher.publish("hub/c", MqttQoS.AT_LEAST_ONCE, 3, "x");
        publisher.publish("hub/d", MqttQoS.AT_LEAST_ONCE, 4, "x");
        taken.get(0).work().completeExceptionally(new ThingbusException(ErrorCode.QUOTA_EXCEEDED, "disk full"));
        taken.get(1).work().completeExceptionally(new IllegalStateException("store closed"));
        taken.get(2).work().completeExceptionally(new ThingbusException(ErrorCode.NOT_FOUND, "no such thing"));
        taken.get(3).work().completeExceptionally(new ThingbusException(ErrorCode.NOT_AUTHORIZED, "not a device"));

        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(1, 0x97);
        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(2, 0x80);
        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).as("no PUBACK code of its own: 0x80").containsExactly(3, 0x80);
        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(4, 0x87);
        assertThat(publisher.isOpen()).isTrue();
        watcher.expectNothing();
    }

    @Test
    void aFailedQos2PublishEndsAtPubRecAndFreesItsPacketId() {
        EmbeddedClient publisher = as(MqttVersion.MQTT_5, "pub", "watcher");

        publisher.publish("hub/a", MqttQoS.EXACTLY_ONCE, 5, "x");
        taken.getFirst().work().completeExceptionally(new ThingbusException(ErrorCode.PAYLOAD_FORMAT_INVALID, "bad"));
        assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(5, 0x99);

        publisher.publish("hub/a", MqttQoS.EXACTLY_ONCE, 5, "y");
        assertThat(taken).as("the same packet id is a new message, not a resend").hasSize(2);
        taken.get(1).work().complete(HubAnswer.route(message("hub/out", "y")));
        publisher.server.runPendingTasks();

        assertThat(watcher.expectPublish().payload()).isEqualTo("y");
        assertThat(publisher.expectReply(MqttMessageType.PUBREC)).containsExactly(5, 0);
        publisher.reply(MqttMessageType.PUBREL, 5);
        assertThat(publisher.expectReply(MqttMessageType.PUBCOMP)).containsExactly(5, 0);
    }

    @Test
    void anMqtt311PublisherWhoseMessageFailsIsDisconnected() {
        EmbeddedClient publisher = as(MqttVersion.MQTT_3_1_1, "pub", "watcher");

        publisher.publish("hub/a", MqttQoS.AT_LEAST_ONCE, 1, "x");
        taken.getFirst().work().completeExceptionally(new ThingbusException(ErrorCode.PAYLOAD_FORMAT_INVALID, "bad"));
        publisher.next();

        assertThat(publisher.isOpen()).as("3.1.1 has no negative PUBACK: the client keeps the message").isFalse();
    }

    @Test
    void aReplyGoesToThePublisherAloneAtTheQosItSubscribedWith() {
        EmbeddedClient publisher = as(MqttVersion.MQTT_5, "pub", "watcher");
        publisher.subscribe(2, "hub/res/#", MqttQoS.AT_MOST_ONCE);

        publisher.publish("hub/ask", MqttQoS.AT_LEAST_ONCE, 3, "?");
        Message reply = new Message("hub/res/200", "answer".getBytes(StandardCharsets.UTF_8), Qos.AT_LEAST_ONCE, false,
                MessageProperties.NONE, null, 0, Message.NEVER_EXPIRES);
        taken.getFirst().work().complete(HubAnswer.reply(reply));

        EmbeddedClient.Publish answer = publisher.expectPublish();
        assertThat(answer.topic()).isEqualTo("hub/res/200");
        assertThat(answer.payload()).isEqualTo("answer");
        assertThat(answer.qos()).isZero();
        assertThat(publisher.expectReply(MqttMessageType.PUBACK)).containsExactly(3, 0);
        watcher.expectNothing();
    }

    @Test
    void aReplyNobodySubscribedToIsDropped() {
        EmbeddedClient publisher = as(MqttVersion.MQTT_5, "pub", "watcher");

        publisher.publish("hub/ask", MqttQoS.AT_MOST_ONCE, 0, "?");
        taken.getFirst().work().complete(HubAnswer.reply(message("hub/res/200", "answer")));

        publisher.expectNothing();
        watcher.expectNothing();
    }

    @Test
    void aQos0PublishIsHandedOverAndRoutedWithoutAcknowledgement() {
        EmbeddedClient publisher = as(MqttVersion.MQTT_5, "pub", "watcher");

        publisher.publish("hub/a", MqttQoS.AT_MOST_ONCE, 0, "x");
        taken.getFirst().work().complete(HubAnswer.route(message("hub/out", "x")));
        publisher.server.runPendingTasks();

        assertThat(watcher.expectPublish().topic()).isEqualTo("hub/out");
        publisher.expectNothing();
    }

    @Test
    void theAclIsCheckedBeforeTheHubTopicSeesAnything() {
        EmbeddedClient good = as(MqttVersion.MQTT_5, "good", "good");

        good.publish("hub/a", MqttQoS.AT_LEAST_ONCE, 1, "x");

        assertThat(good.expectReply(MqttMessageType.PUBACK)).containsExactly(1, 0x87);
        assertThat(taken).isEmpty();
    }
}
