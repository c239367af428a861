package io.thingbus.sim.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what a client wrote as a broker would: Netty's own decoder, in the server role, on a
 * separate embedded channel. The decoder learns the protocol version from the first CONNECT it sees.
 */
final class BrokerSide implements AutoCloseable {

    private final EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder(1 << 20));

    /** A broker that has already seen a CONNECT of {@code version}, for decoding bare packets. */
    static BrokerSide speaking(MqttVersion version) {
        BrokerSide broker = new BrokerSide();
        EmbeddedChannel client = new EmbeddedChannel(MqttEncoder.INSTANCE);
        client.writeOutbound(MqttMessageBuilders.connect().protocolVersion(version).clientId("probe").build());
        broker.decode((ByteBuf) client.readOutbound());
        client.finishAndReleaseAll();
        return broker;
    }

    /** Decodes one packet; the caller releases what it returns. */
    MqttMessage decode(ByteBuf packet) {
        decoder.writeInbound(packet);
        MqttMessage message = decoder.readInbound();
        assertThat(message).as("a whole packet").isNotNull();
        assertThat(message.decoderResult().isSuccess()).as(message.decoderResult().toString()).isTrue();
        return message;
    }

    /** Decodes every packet in {@code packets}; the caller releases what it returns. */
    List<MqttMessage> decodeAll(ByteBuf packets) {
        decoder.writeInbound(packets);
        List<MqttMessage> messages = new ArrayList<>();
        for (MqttMessage message = decoder.readInbound(); message != null; message = decoder.readInbound()) {
            messages.add(message);
        }
        return messages;
    }

    /** Decodes the next packet {@code client} wrote. */
    MqttMessage receiveFrom(EmbeddedChannel client) {
        ByteBuf packet = client.readOutbound();
        assertThat(packet).as("a packet written by the client").isNotNull();
        return decode(packet);
    }

    @Override
    public void close() {
        decoder.finishAndReleaseAll();
    }
}
