package io.thingbus.sim.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.sim.bench.load.LatencyPayload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishEncoderTest {

    @ParameterizedTest(name = "{0} QoS {1}, {2}-byte payload")
    @CsvSource({
        "MQTT_3_1_1, 0, 16",
        "MQTT_3_1_1, 1, 100",
        "MQTT_3_1_1, 2, 200",
        "MQTT_5, 0, 100",
        "MQTT_5, 1, 20000",
        "MQTT_5, 2, 16",
    })
    void nettysDecoderReadsWhatItWrites(MqttVersion version, int qos, int payloadSize) {
        PublishEncoder encoder = new PublishEncoder("devices/d-1/messages/événements", MqttQoS.valueOf(qos), version,
                payloadSize);
        try (BrokerSide broker = BrokerSide.speaking(version)) {
            ByteBuf packet = encoder.encode(ByteBufAllocator.DEFAULT, 513, 987_654_321L, 77);
            MqttPublishMessage publish = (MqttPublishMessage) broker.decode(packet);
            try {
                assertThat(publish.variableHeader().topicName()).isEqualTo("devices/d-1/messages/événements");
                assertThat(publish.fixedHeader().qosLevel().value()).isEqualTo(qos);
                assertThat(publish.fixedHeader().isRetain()).isFalse();
                assertThat(publish.variableHeader().packetId()).isEqualTo(qos == 0 ? -1 : 513);
                assertThat(publish.content().readableBytes()).isEqualTo(payloadSize);
                assertThat(LatencyPayload.intendedNanos(publish.content())).isEqualTo(987_654_321L);
                assertThat(LatencyPayload.sequence(publish.content())).isEqualTo(77);
            } finally {
                publish.release();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"15", "0"})
    void refusesPayloadsTooSmallForTheStamp(int payloadSize) {
        assertThatThrownBy(() -> new PublishEncoder("t", MqttQoS.AT_MOST_ONCE, MqttVersion.MQTT_5, payloadSize))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
