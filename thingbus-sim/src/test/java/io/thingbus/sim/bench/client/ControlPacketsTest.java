package io.thingbus.sim.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.function.BiConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ControlPacketsTest {

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void acknowledgementsDecodeAsTheRightPackets(MqttVersion version) {
        try (BrokerSide broker = BrokerSide.speaking(version)) {
            assertAck(broker, ControlPackets::pubAck, MqttMessageType.PUBACK);
            assertAck(broker, ControlPackets::pubRec, MqttMessageType.PUBREC);
            assertAck(broker, ControlPackets::pubRel, MqttMessageType.PUBREL);
            assertAck(broker, ControlPackets::pubComp, MqttMessageType.PUBCOMP);
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void pingRequestIsSharedAndSurvivesRelease(MqttVersion version) {
        try (BrokerSide broker = BrokerSide.speaking(version)) {
            for (int i = 0; i < 3; i++) {
                MqttMessage decoded = broker.decode(ControlPackets.pingReq()); // the decoder releases it
                assertThat(decoded.fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGREQ);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void acknowledgementsAppendedToOneBufferDecodeOneByOne(MqttVersion version) {
        try (BrokerSide broker = BrokerSide.speaking(version)) {
            ByteBuf batch = Unpooled.buffer();
            ControlPackets.pubAck(batch, 1);
            ControlPackets.pubRec(batch, 2);
            ControlPackets.pubComp(batch, 3);

            assertThat(broker.decodeAll(batch))
                    .extracting(message -> message.fixedHeader().messageType())
                    .containsExactly(MqttMessageType.PUBACK, MqttMessageType.PUBREC, MqttMessageType.PUBCOMP);
        }
    }

    private static void assertAck(BrokerSide broker, BiConsumer<ByteBuf, Integer> ack, MqttMessageType type) {
        ByteBuf packet = Unpooled.buffer();
        ack.accept(packet, 4_242);
        MqttMessage decoded = broker.decode(packet);
        assertThat(decoded.fixedHeader().messageType()).isEqualTo(type);
        assertThat(((MqttMessageIdVariableHeader) decoded.variableHeader()).messageId()).isEqualTo(4_242);
        if (type == MqttMessageType.PUBREL) {
            assertThat(decoded.fixedHeader().qosLevel()).as("PUBREL's reserved flags").isEqualTo(MqttQoS.AT_LEAST_ONCE);
        }
    }
}
