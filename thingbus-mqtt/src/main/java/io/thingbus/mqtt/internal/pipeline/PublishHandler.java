package io.thingbus.mqtt.internal.pipeline;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.thingbus.errors.ErrorCode;
import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.Topics;
import io.thingbus.mqtt.internal.codec.MqttPropertiesReader;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.InboundTopicAliases;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import io.thingbus.mqtt.internal.hub.HubTopic;
import io.thingbus.mqtt.internal.hub.HubTopics;
import io.thingbus.mqtt.internal.routing.PublishOutcome;
import io.thingbus.mqtt.internal.routing.Router;
import io.thingbus.storage.DiskSpaceGuard;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PUBLISH from a client: resolves topic aliases, checks the topic, the client's ACL and the receive
 * maximum, routes the message and acknowledges it (PUBACK for QoS 1, PUBREC for QoS 2, where a
 * resent QoS 2 packet is acknowledged again but not routed twice). A topic the hub serves itself
 * ({@link HubTopics}: device telemetry, provisioning) goes to its {@link HubTopic} instead of the router,
 * and is acknowledged when that is done ({@link HubTopicPublish}).
 */
final class PublishHandler implements PacketHandler {

    private static final Logger log = LoggerFactory.getLogger(PublishHandler.class);
    /** MQTT 5 reason code 0x97 as a PUBACK/PUBREC byte. */
    private static final byte QUOTA_EXCEEDED = (byte) ErrorCode.QUOTA_EXCEEDED.mqttReasonCode();
    /** MQTT 5 reason code 0x87 as a PUBACK/PUBREC byte. */
    private static final byte NOT_AUTHORIZED = (byte) ErrorCode.NOT_AUTHORIZED.mqttReasonCode();
    private static final Runnable NOTHING = () -> { };

    private final Router router;
    private final HubTopics hubTopics;
    private final HubTopicPublish hubPublish;
    private final MqttServerDisconnector disconnector;
    private final DurableAcknowledger acknowledger;
    private final DiskSpaceGuard diskSpace;
    private final Clock clock;
    private final int receiveMaximum;

    PublishHandler(Router router, HubTopics hubTopics, HubTopicPublish hubPublish, MqttServerDisconnector disconnector,
                   DurableAcknowledger acknowledger, DiskSpaceGuard diskSpace, Clock clock, int receiveMaximum) {
        this.router = router;
        this.hubTopics = hubTopics;
        this.hubPublish = hubPublish;
        this.disconnector = disconnector;
        this.acknowledger = acknowledger;
        this.diskSpace = diskSpace;
        this.clock = clock;
        this.receiveMaximum = receiveMaximum;
    }

    @Override
    public MqttMessageType type() {
        return MqttMessageType.PUBLISH;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message) {
        MqttPublishMessage publish = (MqttPublishMessage) message;
        MqttPublishVariableHeader header = publish.variableHeader();
        boolean mqtt5 = connection.client().isMqtt5();
        String topic = mqtt5 ? resolveTopic(connection, header) : header.topicName();
        if (topic == null) {
            return;
        }
        if (!Topics.isValidTopicName(topic)) {
            disconnector.disconnect(connection, ErrorCode.TOPIC_NAME_INVALID, "topic name '" + topic + "'");
            return;
        }
        Qos qos = Qos.of(publish.fixedHeader().qosLevel().value());
        int packetId = header.packetId();
        if (!connection.client().access().mayPublish(topic)) {
            refuseUnauthorized(ctx, connection, topic, qos, packetId, mqtt5);
            return;
        }
        if (qos == Qos.EXACTLY_ONCE && connection.session().isInboundQos2Pending(packetId)) {
            // a resend of a message not yet released: acknowledged again, but neither counted against
            // the receive maximum a second time nor routed twice (MQTT 5 sections 4.3.3 and 4.9)
            acknowledger.acknowledge(ctx, connection, reply(MqttMessageType.PUBREC, packetId), NOTHING);
            return;
        }
        if (!diskSpace.hasRoom()) {
            refuseForDiskSpace(ctx, connection, qos, packetId, mqtt5);
            return;
        }
        if (qos != Qos.AT_MOST_ONCE) {
            int unacknowledged = connection.inboundReceived();
            if (mqtt5 && unacknowledged > receiveMaximum) {
                disconnector.disconnect(connection, ErrorCode.RECEIVE_MAXIMUM_EXCEEDED,
                        "more than " + receiveMaximum + " unacknowledged QoS 1/2 publishes");
                return;
            }
            if (!mqtt5 && unacknowledged >= receiveMaximum) {
                // MQTT 3.1.1 has no Receive Maximum to tell the client: hold it back by not reading instead
                connection.pauseReadingUntilBelow(receiveMaximum);
            }
        }
        if (qos == Qos.EXACTLY_ONCE) {
            connection.session().beginInboundQos2(packetId);
        }
        Message routed = toMessage(publish, topic, qos, mqtt5, connection.client().clientId());
        HubTopic family = hubTopics.find(topic);
        if (family != null) {
            hubPublish.publish(ctx, connection, family, routed, packetId, mqtt5);
            return;
        }
        PublishOutcome outcome = router.publish(routed, connection.client().clientId());
        byte reason = mqtt5 && outcome.refusedByAll() ? QUOTA_EXCEEDED : 0;
        switch (qos) {
            case AT_LEAST_ONCE -> acknowledger.acknowledge(ctx, connection,
                    reply(MqttMessageType.PUBACK, packetId, reason), connection::inboundCompleted);
            case EXACTLY_ONCE -> acknowledger.acknowledge(ctx, connection,
                    reply(MqttMessageType.PUBREC, packetId, reason), NOTHING);
            case AT_MOST_ONCE -> {
            }
        }
    }

    /**
     * A topic the client's ACL does not allow: nothing is routed or retained. MQTT 5 QoS 1/2
     * publishers get 0x87 (not authorized), which ends a QoS 2 exchange at PUBREC (MQTT 5 section
     * 4.3.3); MQTT 3.1.1 has no negative acknowledgement, so the publish is acknowledged as usual and
     * discarded (MQTT 3.1.1 section 3.3.5), and a QoS 2 PUBREL is answered PUBCOMP as for any unknown id.
     */
    private void refuseUnauthorized(ChannelHandlerContext ctx, ClientConnection connection, String topic, Qos qos,
                                    int packetId, boolean mqtt5) {
        if (log.isDebugEnabled()) {
            log.debug("[{} identity={}] publish to '{}' (QoS {}) not authorized, dropped", connection.logContext(),
                    connection.client().identity(), topic, qos.value());
        }
        byte reason = mqtt5 ? NOT_AUTHORIZED : 0;
        switch (qos) {
            case AT_LEAST_ONCE -> acknowledger.acknowledge(ctx, connection,
                    reply(MqttMessageType.PUBACK, packetId, reason), NOTHING);
            case EXACTLY_ONCE -> acknowledger.acknowledge(ctx, connection,
                    reply(MqttMessageType.PUBREC, packetId, reason), NOTHING);
            case AT_MOST_ONCE -> {
            }
        }
    }

    /**
     * Below the disk-space floor: QoS 0 is dropped; MQTT 5 QoS 1/2 publishers get 0x97 (quota
     * exceeded); MQTT 3.1.1 has no negative acknowledgement, so the connection is closed and the
     * client keeps the unacknowledged message to send again later.
     */
    private void refuseForDiskSpace(ChannelHandlerContext ctx, ClientConnection connection, Qos qos, int packetId,
                                    boolean mqtt5) {
        if (qos == Qos.AT_MOST_ONCE) {
            return;
        }
        if (!mqtt5) {
            disconnector.disconnect(connection, ErrorCode.QUOTA_EXCEEDED, "disk space below the floor");
            return;
        }
        MqttMessageType type = qos == Qos.AT_LEAST_ONCE ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        acknowledger.acknowledge(ctx, connection, reply(type, packetId, QUOTA_EXCEEDED), NOTHING);
    }

    /** The topic of an MQTT 5 PUBLISH after applying its topic alias; null when the connection was closed. */
    private String resolveTopic(ClientConnection connection, MqttPublishVariableHeader header) {
        String topic = header.topicName();
        MqttProperties.MqttProperty<?> aliasProperty = header.properties().getProperty(MqttProperties.TOPIC_ALIAS);
        if (aliasProperty == null) {
            if (topic.isEmpty()) {
                disconnector.disconnect(connection, ErrorCode.PROTOCOL_ERROR, "empty topic name without topic alias");
                return null;
            }
            return topic;
        }
        int alias = (Integer) aliasProperty.value();
        InboundTopicAliases aliases = connection.inboundAliases();
        if (!aliases.isValid(alias)) {
            disconnector.disconnect(connection, ErrorCode.TOPIC_ALIAS_INVALID, "topic alias " + alias);
            return null;
        }
        if (!topic.isEmpty()) {
            aliases.set(alias, topic);
            return topic;
        }
        String known = aliases.resolve(alias);
        if (known == null) {
            disconnector.disconnect(connection, ErrorCode.PROTOCOL_ERROR, "topic alias " + alias + " was never set");
        }
        return known;
    }

    private Message toMessage(MqttPublishMessage publish, String topic, Qos qos, boolean mqtt5, String clientId) {
        long now = clock.millis();
        MqttProperties properties = publish.variableHeader().properties();
        long expirySeconds = mqtt5 ? MqttPropertiesReader.integer(properties, MqttProperties.PUBLICATION_EXPIRY_INTERVAL, -1) : -1;
        return new Message(
                topic,
                ByteBufUtil.getBytes(publish.payload()),
                qos,
                publish.fixedHeader().isRetain(),
                mqtt5 ? MqttPropertiesReader.messageProperties(properties) : MessageProperties.NONE,
                clientId,
                now,
                expirySeconds < 0 ? Message.NEVER_EXPIRES : now + expirySeconds * 1000);
    }

    static MqttMessage reply(MqttMessageType type, int packetId) {
        return reply(type, packetId, (byte) 0);
    }

    static MqttMessage reply(MqttMessageType type, int packetId, byte reasonCode) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(
                new MqttFixedHeader(type, false, qos, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, reasonCode, MqttProperties.NO_PROPERTIES));
    }
}
