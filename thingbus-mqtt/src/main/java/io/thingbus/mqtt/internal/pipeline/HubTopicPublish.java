package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.thingbus.errors.ErrorCode;
import io.thingbus.errors.ThingbusException;
import io.thingbus.messaging.Message;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.Topics;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import io.thingbus.mqtt.internal.hub.HubAnswer;
import io.thingbus.mqtt.internal.hub.HubTopic;
import io.thingbus.mqtt.internal.routing.Router;
import io.thingbus.mqtt.internal.session.OutboundPublish;
import io.thingbus.mqtt.internal.session.Session;
import io.thingbus.storage.Journal;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PUBLISH that a {@link HubTopic} serves. The topic takes the message; once its work is done (a
 * telemetry record durable, a registration recorded) the {@link HubAnswer} is carried out on the
 * publisher's event loop (a message routed, a reply delivered to the publisher's session), then, once
 * the journal holds what that wrote, the publisher is acknowledged, in its place among the connection's
 * acknowledgements. A failed PUBLISH gets the failure's reason code in its MQTT 5 PUBACK or PUBREC
 * (0x99 payload format invalid, 0x97 quota exceeded, 0x87 not authorized, 0x80 otherwise), which ends
 * a QoS 2 exchange; MQTT 3.1.1 has no negative acknowledgement, so the connection is closed and the
 * client keeps the message. A failed QoS 0 PUBLISH is dropped.
 */
final class HubTopicPublish {

    private static final Logger log = LoggerFactory.getLogger(HubTopicPublish.class);

    private final Router router;
    private final Journal journal;
    private final MqttServerDisconnector disconnector;

    HubTopicPublish(Router router, Journal journal, MqttServerDisconnector disconnector) {
        this.router = router;
        this.journal = journal;
        this.disconnector = disconnector;
    }

    /** Hands {@code message} to {@code family}; on the event loop, after the ACL and receive-maximum checks. */
    void publish(ChannelHandlerContext ctx, ClientConnection connection, HubTopic family, Message message, int packetId,
                 boolean mqtt5) {
        CompletableFuture<HubAnswer> taken;
        try {
            taken = family.publish(connection, message);
        } catch (RuntimeException failed) {
            taken = CompletableFuture.failedFuture(failed);
        }
        CompletableFuture<Void> done = taken.thenComposeAsync(answer -> carryOut(connection, answer), ctx.executor());
        Qos qos = message.qos();
        if (qos == Qos.AT_MOST_ONCE) {
            done.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    log.debug("[{}] QoS 0 publish to '{}' dropped: {}", connection.logContext(), message.topic(),
                            failure.getMessage());
                }
            });
            return;
        }
        connection.answerWhen(done, failure -> acknowledge(ctx, connection, message.topic(), qos, packetId, mqtt5, failure));
    }

    private CompletableFuture<Void> carryOut(ClientConnection connection, HubAnswer answer) {
        if (answer.route() != null) {
            router.publish(answer.route(), connection.client().clientId());
        }
        if (answer.reply() != null) {
            deliverToPublisher(connection, answer.reply());
        }
        return journal.barrier();
    }

    /**
     * Delivers a reply to the publisher's session alone, at the highest QoS its matching subscriptions
     * grant (at most the reply's); dropped when none matches, as a broker never sends what was not
     * subscribed to.
     */
    private static void deliverToPublisher(ClientConnection connection, Message reply) {
        Session session = connection.session();
        if (!session.mayReceive(reply.topic())) {
            return;
        }
        Qos granted = null;
        for (Subscription subscription : session.subscriptions()) {
            if (!subscription.filter().isShared() && Topics.matches(subscription.filter().filter(), reply.topic())
                    && (granted == null || subscription.maxQos().value() > granted.value())) {
                granted = subscription.maxQos();
            }
        }
        if (granted == null) {
            log.debug("[{}] reply on '{}' dropped: no subscription matches it", connection.logContext(), reply.topic());
            return;
        }
        session.deliver(OutboundPublish.of(reply, reply.qos().min(granted), false));
    }

    private void acknowledge(ChannelHandlerContext ctx, ClientConnection connection, String topic, Qos qos, int packetId,
                             boolean mqtt5, Throwable failure) {
        MqttMessageType type = qos == Qos.AT_LEAST_ONCE ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        if (failure == null) {
            ctx.writeAndFlush(PublishHandler.reply(type, packetId));
            if (qos == Qos.AT_LEAST_ONCE) {
                connection.inboundCompleted();
            }
            return;
        }
        ErrorCode code = failure instanceof ThingbusException refused ? refused.code() : ErrorCode.UNSPECIFIED;
        String reason = failure instanceof ThingbusException refused ? refused.detail() : "storage failed: " + failure.getMessage();
        if (failure instanceof ThingbusException) {
            log.debug("[{}] publish to '{}' refused: {}", connection.logContext(), topic, reason);
        } else {
            log.warn("[{}] publish to '{}' failed", connection.logContext(), topic, failure);
        }
        if (!mqtt5) {
            disconnector.disconnect(connection, code, reason);
            return;
        }
        if (qos == Qos.EXACTLY_ONCE) {
            connection.session().releaseInboundQos2(packetId);
        }
        connection.inboundCompleted();
        ctx.writeAndFlush(PublishHandler.reply(type, packetId, (byte) publishReasonCode(code)));
    }

    /** The code a PUBACK or PUBREC may carry for {@code code} (MQTT 5 section 3.4.2.1): its own, else 0x80. */
    static int publishReasonCode(ErrorCode code) {
        return switch (code) {
            case IMPLEMENTATION_SPECIFIC, NOT_AUTHORIZED, TOPIC_NAME_INVALID, QUOTA_EXCEEDED, PAYLOAD_FORMAT_INVALID ->
                    code.mqttReasonCode();
            default -> ErrorCode.UNSPECIFIED.mqttReasonCode();
        };
    }
}
