package io.thingbus.mqtt.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttProperty;
import io.netty.handler.codec.mqtt.MqttProperties.StringPair;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.thingbus.messaging.Message;
import io.thingbus.messaging.MessageProperties;
import io.thingbus.messaging.Qos;
import io.thingbus.messaging.UserProperty;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Encodes PUBLISH packets with {@link PublishEncoder} and reads them back with Netty's own
 * {@link MqttDecoder}, so the bytes are checked against an independent implementation of MQTT
 * 3.1.1 section 3.3 and MQTT 5 section 3.3.
 */
class PublishEncoderTest {

    private static final int DECODER_LIMIT = 4 * 1024 * 1024;
    private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    private EmbeddedChannel decoder;

    @AfterEach
    void releaseEverything() {
        if (decoder != null) {
            assertThat(decoder.finishAndReleaseAll()).as("the decoder consumed every byte it was given").isFalse();
        }
    }

    private static Message message(String topic, byte[] payload, Qos qos, MessageProperties properties) {
        return new Message(topic, payload, qos, false, properties, "publisher", 0, Message.NEVER_EXPIRES);
    }

    private static Message message(String topic, String payload) {
        return message(topic, payload.getBytes(StandardCharsets.UTF_8), Qos.AT_LEAST_ONCE, MessageProperties.NONE);
    }

    private static PublishFrame frame(Message message, boolean mqtt5) {
        return new PublishFrame(message, message.topic(), 1, 42, false, false, mqtt5, -1, 0, new int[0]);
    }

    /**
     * A Netty decoder that knows the protocol version the way a server's does: from a CONNECT read
     * before (MQTT 3.1.1 when none was).
     */
    private EmbeddedChannel decoder(boolean mqtt5) {
        decoder = new EmbeddedChannel(new MqttDecoder(DECODER_LIMIT));
        if (mqtt5) {
            EmbeddedChannel connectEncoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
            connectEncoder.writeOutbound(MqttMessageBuilders.connect()
                    .protocolVersion(MqttVersion.MQTT_5).clientId("c").build());
            ByteBuf connectBytes = connectEncoder.readOutbound();
            connectEncoder.finishAndReleaseAll();
            decoder.writeInbound(connectBytes);
            assertThat(decoder.<Object>readInbound()).as("the CONNECT").isNotNull();
        }
        return decoder;
    }

    /** Encodes the frame, checks packetSize() against the bytes and decodes them; the caller releases the result. */
    private MqttPublishMessage roundTrip(PublishFrame frame) {
        EmbeddedChannel channel = decoder == null ? decoder(frame.mqtt5()) : decoder;
        ByteBuf encoded = PublishEncoder.encode(ALLOCATOR, frame);
        int size = encoded.readableBytes();
        channel.writeInbound(encoded);
        assertThat(PublishEncoder.packetSize(frame)).as("packetSize() is the encoded size").isEqualTo(size);
        MqttPublishMessage decoded = channel.readInbound();
        assertThat(decoded).isNotNull();
        assertThat(decoded.decoderResult().isSuccess()).as("decoded without error: %s", decoded.decoderResult()).isTrue();
        MqttFixedHeader header = decoded.fixedHeader();
        assertThat(header.messageType()).isEqualTo(MqttMessageType.PUBLISH);
        assertThat(1 + PublishEncoder.varIntSize(header.remainingLength()) + header.remainingLength())
                .as("remaining length covers the whole packet").isEqualTo(size);
        assertThat(channel.<Object>readInbound()).as("exactly one packet").isNull();
        return decoded;
    }

    private static byte[] payloadOf(MqttPublishMessage decoded) {
        return ByteBufUtil.getBytes(decoded.payload());
    }

    @ParameterizedTest(name = "MQTT 3.1.1 QoS {0} dup={1} retain={2}")
    @CsvSource({
            "0, false, false",
            "0, false, true",
            "1, false, false",
            "1, true, true",
            "2, false, true",
            "2, true, false"})
    void encodesTheMqtt311Form(int qos, boolean duplicate, boolean retain) {
        Message message = message("sensors/1/temperature", "21.5".getBytes(StandardCharsets.UTF_8), Qos.of(qos),
                new MessageProperties(1, "text/plain", "r", new byte[] {1}, List.of(new UserProperty("k", "v"))));
        int packetId = qos == 0 ? 0 : 65_535;
        PublishFrame frame = new PublishFrame(message, message.topic(), qos, packetId, duplicate, retain, false,
                60, 3, new int[] {1});

        MqttPublishMessage decoded = roundTrip(frame);
        try {
            assertThat(decoded.fixedHeader().qosLevel().value()).isEqualTo(qos);
            assertThat(decoded.fixedHeader().isDup()).isEqualTo(duplicate);
            assertThat(decoded.fixedHeader().isRetain()).isEqualTo(retain);
            assertThat(decoded.variableHeader().topicName()).isEqualTo("sensors/1/temperature");
            assertThat(decoded.variableHeader().packetId()).isEqualTo(qos == 0 ? -1 : 65_535);
            assertThat(decoded.variableHeader().properties().isEmpty()).isTrue();
            assertThat(payloadOf(decoded)).as("no properties leak into the 3.1.1 payload")
                    .isEqualTo("21.5".getBytes(StandardCharsets.UTF_8));
        } finally {
            decoded.release();
        }
    }

    @ParameterizedTest(name = "MQTT 5 QoS {0}")
    @CsvSource({"0", "1", "2"})
    void encodesEveryMqtt5Property(int qos) {
        byte[] correlation = {0x00, (byte) 0xFF, 0x7F, (byte) 0x80};
        List<UserProperty> users = List.of(
                new UserProperty("k", "v1"),
                new UserProperty("k", "v2"),
                new UserProperty("unit", "°C €"),
                new UserProperty("k", "v1"),
                new UserProperty("", ""));
        Message message = message("sensors/température/😀", "{\"t\":21.5}".getBytes(StandardCharsets.UTF_8), Qos.of(qos),
                new MessageProperties(1, "application/json; charset=utf-8", "replies/ü", correlation, users));
        int[] subscriptionIds = {1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455};
        PublishFrame frame = new PublishFrame(message, message.topic(), qos, qos == 0 ? 0 : 7, qos == 2, true, true,
                3_600, 5, subscriptionIds);

        MqttPublishMessage decoded = roundTrip(frame);
        try {
            assertThat(decoded.fixedHeader().qosLevel().value()).isEqualTo(qos);
            assertThat(decoded.fixedHeader().isDup()).isEqualTo(qos == 2);
            assertThat(decoded.fixedHeader().isRetain()).isTrue();
            MqttPublishVariableHeader header = decoded.variableHeader();
            assertThat(header.topicName()).isEqualTo("sensors/température/😀");
            assertThat(header.packetId()).isEqualTo(qos == 0 ? -1 : 7);
            MqttProperties properties = header.properties();
            assertThat(value(properties, MqttProperties.PAYLOAD_FORMAT_INDICATOR)).isEqualTo(1);
            assertThat(value(properties, MqttProperties.PUBLICATION_EXPIRY_INTERVAL)).isEqualTo(3_600);
            assertThat(value(properties, MqttProperties.CONTENT_TYPE)).isEqualTo("application/json; charset=utf-8");
            assertThat(value(properties, MqttProperties.RESPONSE_TOPIC)).isEqualTo("replies/ü");
            assertThat((byte[]) value(properties, MqttProperties.CORRELATION_DATA)).isEqualTo(correlation);
            assertThat(value(properties, MqttProperties.TOPIC_ALIAS)).isEqualTo(5);
            assertThat(properties.getProperties(MqttProperties.SUBSCRIPTION_IDENTIFIER))
                    .extracting(p -> p.value())
                    .containsExactly(1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455);
            assertThat(properties.getProperties(MqttProperties.USER_PROPERTY))
                    .extracting(p -> (StringPair) p.value())
                    .extracting(pair -> pair.key + "=" + pair.value)
                    .containsExactly("k=v1", "k=v2", "unit=°C €", "k=v1", "=");
            assertThat(payloadOf(decoded)).isEqualTo("{\"t\":21.5}".getBytes(StandardCharsets.UTF_8));
        } finally {
            decoded.release();
        }
    }

    private static Object value(MqttProperties properties, int id) {
        MqttProperty<?> property = properties.getProperty(id);
        assertThat(property).as("property 0x%02X", id).isNotNull();
        return property.value();
    }

    @Test
    void writesAnEmptyPropertyBlockWhenThereAreNoProperties() {
        PublishFrame frame = frame(message("a/b", "x"), true);

        MqttPublishMessage decoded = roundTrip(frame);
        try {
            assertThat(decoded.variableHeader().properties().isEmpty()).isTrue();
            assertThat(payloadOf(decoded)).isEqualTo(new byte[] {'x'});
        } finally {
            decoded.release();
        }
        // fixed header 0x32, remaining length, topic (2 + 3), packet id (2), property length (1), payload (1)
        assertThat(PublishEncoder.packetSize(frame)).isEqualTo(2 + 2 + 3 + 2 + 1 + 1);
    }

    @Test
    void writesAZeroExpiryAndPayloadFormatZero() {
        Message message = message("t", new byte[0], Qos.AT_MOST_ONCE,
                new MessageProperties(0, null, null, null, List.of()));
        PublishFrame frame = new PublishFrame(message, "t", 0, 0, false, false, true, 0, 0, new int[0]);

        MqttPublishMessage decoded = roundTrip(frame);
        try {
            assertThat(value(decoded.variableHeader().properties(), MqttProperties.PAYLOAD_FORMAT_INDICATOR)).isEqualTo(0);
            assertThat(value(decoded.variableHeader().properties(), MqttProperties.PUBLICATION_EXPIRY_INTERVAL)).isEqualTo(0);
            assertThat(decoded.payload().readableBytes()).isZero();
        } finally {
            decoded.release();
        }
    }

    @Test
    void writesAnEmptyTopicWithATopicAlias() {
        Message message = message("long/topic/name/the/alias/stands/for", "x");
        PublishFrame frame = new PublishFrame(message, "", 1, 9, false, false, true, -1, 7, new int[0]);

        MqttPublishMessage decoded = roundTrip(frame);
        try {
            assertThat(decoded.variableHeader().topicName()).isEmpty();
            assertThat(value(decoded.variableHeader().properties(), MqttProperties.TOPIC_ALIAS)).isEqualTo(7);
            assertThat(decoded.variableHeader().properties().getProperty(MqttProperties.PUBLICATION_EXPIRY_INTERVAL))
                    .as("no expiry when none was given").isNull();
        } finally {
            decoded.release();
        }
        assertThat(PublishEncoder.packetSize(frame))
                .isLessThan(PublishEncoder.packetSize(new PublishFrame(message, message.topic(), 1, 9, false, false, true,
                        -1, 7, new int[0])));
    }

    @ParameterizedTest(name = "payload of {0} bytes: remaining length {1} in {2} bytes")
    @CsvSource({
            "0,        3,       1",
            "124,      127,     1",
            "125,      128,     2",
            "16380,    16383,   2",
            "16381,    16384,   3",
            "2097148,  2097151, 3",
            "2097149,  2097152, 4"})
    void encodesRemainingLengthAtEveryVariableByteIntegerBoundary(int payloadSize, int remainingLength, int lengthBytes) {
        byte[] payload = new byte[payloadSize];
        for (int i = 0; i < payloadSize; i++) {
            payload[i] = (byte) i;
        }
        // QoS 0, 3.1.1: topic "t" (2 + 1 bytes) and the payload make the remaining length
        PublishFrame frame = new PublishFrame(message("t", payload, Qos.AT_MOST_ONCE, MessageProperties.NONE),
                "t", 0, 0, false, false, false, -1, 0, new int[0]);
        assertThat(PublishEncoder.packetSize(frame)).isEqualTo(1 + lengthBytes + remainingLength);

        MqttPublishMessage decoded = roundTrip(frame);
        try {
            assertThat(decoded.fixedHeader().remainingLength()).isEqualTo(remainingLength);
            assertThat(payloadOf(decoded)).isEqualTo(payload);
        } finally {
            decoded.release();
        }
    }

    @Test
    void matchesNettysEncoderByteForByte() {
        byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
        for (boolean mqtt5 : new boolean[] {false, true}) {
            for (int qos = 0; qos <= 2; qos++) {
                Message message = message("a/ü/c", payload, Qos.of(qos), MessageProperties.NONE);
                ByteBuf ours = PublishEncoder.encode(ALLOCATOR, new PublishFrame(message, "a/ü/c", qos, qos == 0 ? 0 : 300,
                        false, true, mqtt5, -1, 0, new int[0]));
                ByteBuf netty = nettyEncoded(mqtt5, MqttMessageBuilders.publish()
                        .topicName("a/ü/c")
                        .qos(MqttQoS.valueOf(qos))
                        .retained(true)
                        .messageId(qos == 0 ? -1 : 300)
                        .payload(Unpooled.wrappedBuffer(payload))
                        .build());
                try {
                    assertThat(ByteBufUtil.hexDump(ours)).as("mqtt5=%s qos=%d", mqtt5, qos).isEqualTo(ByteBufUtil.hexDump(netty));
                } finally {
                    ours.release();
                    netty.release();
                }
            }
        }
    }

    private static ByteBuf nettyEncoded(boolean mqtt5, MqttPublishMessage publish) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        if (mqtt5) {
            encoder.writeOutbound(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_5).clientId("c").build());
            ((ByteBuf) encoder.readOutbound()).release();
        }
        encoder.writeOutbound(publish);
        ByteBuf bytes = encoder.readOutbound();
        encoder.finishAndReleaseAll();
        return bytes;
    }

    @Test
    void varIntSizeMatchesWhatWriteVarIntWrites() {
        int[] values = {0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455};
        for (int value : values) {
            ByteBuf out = Unpooled.buffer();
            try {
                PublishEncoder.writeVarInt(out, value);
                assertThat(out.readableBytes()).as("value %d", value).isEqualTo(PublishEncoder.varIntSize(value));
                int decoded = 0;
                int multiplier = 1;
                byte digit;
                do {
                    digit = out.readByte();
                    decoded += (digit & 0x7F) * multiplier;
                    multiplier *= 128;
                } while ((digit & 0x80) != 0);
                assertThat(decoded).isEqualTo(value);
            } finally {
                out.release();
            }
        }
    }
}
