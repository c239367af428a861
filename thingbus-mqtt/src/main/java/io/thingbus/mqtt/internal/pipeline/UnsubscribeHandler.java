package io.thingbus.mqtt.internal.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.thingbus.errors.ErrorCode;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.MqttServerDisconnector;
import io.thingbus.mqtt.internal.routing.Router;
import java.util.List;

/** UNSUBSCRIBE: removes each filter and answers UNSUBACK (MQTT 5: success or "no subscription existed" per filter). */
final class UnsubscribeHandler implements PacketHandler {

    private static final short SUCCESS = 0x00;
    private static final short NO_SUBSCRIPTION_EXISTED = 0x11;

    private final Router router;
    private final MqttServerDisconnector disconnector;

    UnsubscribeHandler(Router router, MqttServerDisconnector disconnector) {
        this.router = router;
        this.disconnector = disconnector;
    }

    @Override
    public MqttMessageType type() {
        return MqttMessageType.UNSUBSCRIBE;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, ClientConnection connection, MqttMessage message) {
        MqttUnsubscribeMessage unsubscribe = (MqttUnsubscribeMessage) message;
        List<String> filters = unsubscribe.payload().topics();
        if (filters.isEmpty()) {
            disconnector.disconnect(connection, ErrorCode.PROTOCOL_ERROR, "UNSUBSCRIBE without topic filters");
            return;
        }
        short[] codes = new short[filters.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = router.unsubscribe(connection.session(), filters.get(i)) ? SUCCESS : NO_SUBSCRIPTION_EXISTED;
        }
        ctx.writeAndFlush(new MqttUnsubAckMessage(
                new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(unsubscribe.variableHeader().messageId(), MqttProperties.NO_PROPERTIES),
                new MqttUnsubAckPayload(codes)));
    }
}
