package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.thingbus.errors.ErrorCode;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.RetainHandling;
import io.thingbus.messaging.Subscription;
import io.thingbus.messaging.TopicFilter;
import io.thingbus.mqtt.internal.codec.MqttPropertiesReader;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import io.thingbus.mqtt.internal.routing.Router;
import io.thingbus.mqtt.internal.session.Session;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUBSCRIBE: validates each filter and its options, asks the client's ACL about each (of a shared
 * subscription, its topic filter part), records the allowed subscriptions, answers SUBACK with a code
 * per filter once they are durable (0x87, or 0x80 in MQTT 3.1.1, for a filter the ACL refuses), then
 * sends the retained messages each recorded subscription is owed.
 */
final class SubscribeHandler implements PacketHandler {

    private static final Logger log = LoggerFactory.getLogger(SubscribeHandler.class);
    /** SUBACK failure code of MQTT 3.1.1. */
    private static final int MQTT3_FAILURE = 0x80;

    private final Router router;
    private final MqttServerDisconnector disconnector;
    private final DurableAcknowledger acknowledger;

    SubscribeHandler(Router router, MqttServerDisconnector disconnector, DurableAcknowledger acknowledger) {
        this.router = router;
        this.disconnector = disconnector;
        this.acknowledger = acknowledger;
    }

    @Override
    public MqttMessageType type() {
        return MqttMessageType.SUBSCRIBE;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message) {
        MqttSubscribeMessage subscribe = (MqttSubscribeMessage) message;
        List<MqttTopicSubscription> requested = subscribe.payload().topicSubscriptions();
        if (requested.isEmpty()) {
            disconnector.disconnect(connection, ErrorCode.PROTOCOL_ERROR, "SUBSCRIBE without topic filters");
            return;
        }
        boolean mqtt5 = connection.client().isMqtt5();
        MqttProperties properties = subscribe.idAndPropertiesVariableHeader().properties();
        int subscriptionId = (int) MqttPropertiesReader.integer(properties, MqttProperties.SUBSCRIPTION_IDENTIFIER, 0);
        if (properties.getProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER) != null && subscriptionId == 0) {
            disconnector.disconnect(connection, ErrorCode.PROTOCOL_ERROR, "subscription identifier 0");
            return;
        }
        Session session = connection.session();
        List<Integer> codes = new ArrayList<>(requested.size());
        List<Subscription> accepted = new ArrayList<>(requested.size());
        List<Boolean> existed = new ArrayList<>(requested.size());
        for (MqttTopicSubscription topic : requested) {
            TopicFilter filter;
            try {
                filter = TopicFilter.parse(topic.topicFilter());
            } catch (IllegalArgumentException invalid) {
                codes.add(mqtt5 ? ErrorCode.TOPIC_FILTER_INVALID.mqttReasonCode() : MQTT3_FAILURE);
                continue;
            }
            MqttSubscriptionOption option = topic.option();
            if (filter.isShared() && option.isNoLocal()) {
                disconnector.disconnect(connection, ErrorCode.PROTOCOL_ERROR, "no-local on shared subscription " + filter.raw());
                return;
            }
            if (!connection.client().access().maySubscribe(filter)) {
                if (log.isDebugEnabled()) {
                    log.debug("[{} identity={}] subscription to '{}' not authorized", connection.logContext(),
                            connection.client().identity(), filter.raw());
                }
                codes.add(mqtt5 ? ErrorCode.NOT_AUTHORIZED.mqttReasonCode() : MQTT3_FAILURE);
                continue;
            }
            Subscription subscription = mqtt5
                    ? new Subscription(filter, Qos.of(option.qos().value()), option.isNoLocal(),
                            option.isRetainAsPublished(), RetainHandling.of(option.retainHandling().value()), subscriptionId)
                    : Subscription.basic(filter, Qos.of(option.qos().value()));
            existed.add(router.subscribe(session, subscription));
            accepted.add(subscription);
            codes.add(subscription.maxQos().value());
        }
        MqttSubAckMessage subAck = new MqttSubAckMessage(
                new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(subscribe.variableHeader().messageId(), MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(codes));
        acknowledger.acknowledge(ctx, connection, subAck, () -> {
            for (int i = 0; i < accepted.size(); i++) {
                router.sendRetained(session, accepted.get(i), existed.get(i));
            }
        });
    }
}
