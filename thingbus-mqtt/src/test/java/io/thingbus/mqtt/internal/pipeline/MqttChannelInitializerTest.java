package io.thingbus.mqtt.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.thingbus.mqtt.internal.connection.ClientConnection;
import io.thingbus.mqtt.internal.connection.ConnectionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqttChannelInitializerTest {

    private final EmbeddedBroker broker = new EmbeddedBroker();

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @Test
    void buildsTheNamedMqttStagesInOrder() {
        EmbeddedClient client = broker.newClient();

        assertThat(client.server.pipeline().names()).containsSubsequence(
                ChannelHandlerNames.MQTT_DECODER,
                ChannelHandlerNames.MQTT_ENCODER,
                ChannelHandlerNames.DECODER_FAILURE,
                ChannelHandlerNames.PACKET_DISPATCHER,
                ChannelHandlerNames.CONNECTION_LIFECYCLE);
        assertThat(client.server.pipeline().get(ChannelHandlerNames.MQTT_DECODER)).isInstanceOf(MqttDecoder.class);
        assertThat(client.server.pipeline().get(ChannelHandlerNames.MQTT_ENCODER)).isSameAs(MqttEncoder.INSTANCE);
    }

    @Test
    void sharesTheStatelessStagesAndGivesEachChannelItsOwnDecoderAndContext() {
        EmbeddedClient first = broker.newClient();
        EmbeddedClient second = broker.newClient();

        assertThat(second.server.pipeline().get(ChannelHandlerNames.PACKET_DISPATCHER))
                .isSameAs(first.server.pipeline().get(ChannelHandlerNames.PACKET_DISPATCHER));
        assertThat(second.server.pipeline().get(ChannelHandlerNames.MQTT_DECODER))
                .isNotSameAs(first.server.pipeline().get(ChannelHandlerNames.MQTT_DECODER));
        ClientConnection connection = ClientConnection.of(first.server);
        assertThat(connection).isNotNull().isNotSameAs(ClientConnection.of(second.server));
        assertThat(connection.state()).isEqualTo(ConnectionState.AWAITING_CONNECT);
        assertThat(broker.keepAlive.size()).as("both wait for CONNECT under the sweep").isEqualTo(2);
    }
}
